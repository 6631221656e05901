// Changing one's password: the current one, then the new one twice.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { Form, FormMessages, InputField, Submit, useForm } from '../../kit/form';
import { confirmationErrors, NewPasswordFields } from './NewPasswordFields';

export function PasswordPage() {
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [confirmation, setConfirmation] = useState('');

  const form = useForm({
    id: 'password',
    validate: () => confirmationErrors(replacement, confirmation),
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
        <InputField
          name="current_password"
          label={t('tenancy.web.password.current')}
          type="password"
          autocomplete="current-password"
          value={current}
          onValue={setCurrent}
        />
        <NewPasswordFields
          password={replacement}
          onPassword={setReplacement}
          confirmation={confirmation}
          onConfirmation={setConfirmation}
        />
        <FormMessages />
        <Submit>{t('tenancy.web.password.submit')}</Submit>
      </Form>
    </div>
  );
}

export default () => <PasswordPage />;
