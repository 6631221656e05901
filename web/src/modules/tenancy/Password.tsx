// Changing one's password: the current one, then the new one twice.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';

/** The server's minimum (tenancy's password policy), for the hint; the server decides. */
const MIN_LENGTH = 12;

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const form = useForm({
    id: 'password',
    validate: () =>
      replacement !== confirmation ? { confirmation: t('tenancy.web.password.mismatch') } : null,
    action: async () => {
      await api.put<void>('/api/v1/me/password', { current_password: current, new_password: replacement });
      setCurrent('');
      setReplacement('');
      setConfirmation('');
      return t('tenancy.web.password.changed');
    },
    invalidates: ['/api/v1/me/'],
  });

  return (
    <div class="narrow">
      <PageHeading title={t('tenancy.web.password.title')} />
      <Form form={form}>
        <Field name="current_password" label={t('tenancy.web.password.current')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autocomplete="current-password"
              required
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          name="new_password"
          label={t('tenancy.web.password.new')}
          hint={t('tenancy.web.password.hint', { min: MIN_LENGTH })}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autocomplete="new-password"
              required
              minLength={MIN_LENGTH}
              value={replacement}
              onInput={(e) => setReplacement(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field name="confirmation" label={t('tenancy.web.password.confirmation')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autocomplete="new-password"
              required
              value={confirmation}
              onInput={(e) => setConfirmation(e.currentTarget.value)}
            />
          )}
        </Field>
        <FormMessages />
        <Submit>{t('tenancy.web.password.submit')}</Submit>
      </Form>
    </div>
  );
}

export default () => <PasswordPage />;
