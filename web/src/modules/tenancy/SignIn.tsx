// Sign-in: e-mail and password; the API's messages are read out in a live region.
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Notice, PageHeading, Redirect, toApiError } from '../../components';
import { safeNextPath } from '../../next';
import type { Session } from '../../types';
import type { PublicPageContext } from '../module';

export function SignInPage({
  notice,
  onSignedIn,
}: {
  notice: string;
  onSignedIn: (session: Session) => void;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [errorField, setErrorField] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError('');
    setErrorField(null);
    try {
      const session = await api.post<Session>('/api/v1/session', { email: email.trim(), password });
      onSignedIn(session);
    } catch (caught) {
      const failure = toApiError(caught);
      setError(failure.message);
      setErrorField(failure.field);
      if (failure.field === 'email') emailRef.current?.focus();
      else if (failure.field === 'password') passwordRef.current?.focus();
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (errorField === field ? true : undefined);
  const describedBy = (field: string) => (errorField === field ? 'signin-error' : undefined);

  return (
    <div class="narrow">
      <PageHeading title="Connexion" />
      <p>Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte Ensemble.</p>
      {notice && <p class="notice notice-info">{notice}</p>}
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="signin-email">Adresse e-mail</label>
          <input
            ref={emailRef}
            id="signin-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-invalid={invalid('email')}
            aria-describedby={describedBy('email')}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="signin-password">Mot de passe</label>
          <input
            ref={passwordRef}
            id="signin-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={invalid('password')}
            aria-describedby={describedBy('password')}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <Notice kind="error" id="signin-error" message={error} />
        <button type="submit" class="button primary" aria-busy={busy ? true : undefined}>
          Se connecter
        </button>
      </form>
    </div>
  );
}

/** Signed in already: on to where the sign-in was asked from. */
export default ({ session, location, notice, onSignedIn }: PublicPageContext) =>
  session ? (
    <Redirect to={safeNextPath(location.search.get('suite'))} />
  ) : (
    <SignInPage notice={notice} onSignedIn={onSignedIn} />
  );
