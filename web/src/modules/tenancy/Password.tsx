// Changing one's password: the current one, then the new one twice.
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Notice, PageHeading, toApiError } from '../../components';

const MIN_LENGTH = 12;

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState('');
  const [errorField, setErrorField] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const refs = {
    current_password: useRef<HTMLInputElement>(null),
    new_password: useRef<HTMLInputElement>(null),
    confirmation: useRef<HTMLInputElement>(null),
  };

  function fail(message: string, field: string | null) {
    setError(message);
    setErrorField(field);
    if (field && field in refs) refs[field as keyof typeof refs].current?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError('');
    setErrorField(null);
    setStatus('');
    if (replacement !== confirmation) {
      fail('La confirmation ne correspond pas au nouveau mot de passe.', 'confirmation');
      return;
    }
    setBusy(true);
    try {
      await api.put<void>('/api/v1/me/password', {
        current_password: current,
        new_password: replacement,
      });
      setCurrent('');
      setReplacement('');
      setConfirmation('');
      setStatus(
        'Votre mot de passe a été changé. Vos sessions ouvertes sur d’autres appareils ont été fermées.',
      );
    } catch (caught) {
      const failure = toApiError(caught);
      fail(failure.message, failure.field);
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (errorField === field ? true : undefined);
  const describedBy = (field: string, hint?: string) =>
    [hint, errorField === field ? 'password-error' : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <div class="narrow">
      <PageHeading title="Changer de mot de passe" />
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="password-current">Mot de passe actuel</label>
          <input
            ref={refs.current_password}
            id="password-current"
            type="password"
            autocomplete="current-password"
            required
            value={current}
            aria-invalid={invalid('current_password')}
            aria-describedby={describedBy('current_password')}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="password-new">Nouveau mot de passe</label>
          <input
            ref={refs.new_password}
            id="password-new"
            type="password"
            autocomplete="new-password"
            required
            minLength={MIN_LENGTH}
            value={replacement}
            aria-invalid={invalid('new_password')}
            aria-describedby={describedBy('new_password', 'password-new-hint')}
            onInput={(e) => setReplacement(e.currentTarget.value)}
          />
          <span class="hint" id="password-new-hint">
            Au moins {MIN_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir.
          </span>
        </div>
        <div class="field">
          <label for="password-confirmation">Confirmation du nouveau mot de passe</label>
          <input
            ref={refs.confirmation}
            id="password-confirmation"
            type="password"
            autocomplete="new-password"
            required
            value={confirmation}
            aria-invalid={invalid('confirmation')}
            aria-describedby={describedBy('confirmation')}
            onInput={(e) => setConfirmation(e.currentTarget.value)}
          />
        </div>
        <Notice kind="error" id="password-error" message={error} />
        <Notice kind="status" message={status} />
        <button type="submit" class="button primary" aria-busy={busy ? true : undefined}>
          Changer le mot de passe
        </button>
      </form>
    </div>
  );
}

export default () => <PasswordPage />;
