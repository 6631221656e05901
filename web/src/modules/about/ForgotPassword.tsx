// « Mot de passe oublié » : one address, and always the same answer, whether or not it has an
// account (the page must not tell who has one). The link's lifetime is the server's setting.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { Form, FormErrors, FormMessages, InputField, Submit, useForm } from '../../kit/form';
import type { About, PasswordResetRequest } from '../../types';
import { ABOUT_KEY, useAbout } from './about';

/** What the page says once the request is accepted; the delay when the server gave it. */
function sentMessage(minutes: number | undefined): string {
  if (minutes === undefined) return t('about.web.forgot.sent_no_delay');
  return t('about.web.forgot.sent', { minutes });
}

export function ForgotPasswordPage() {
  const about = useAbout();
  const [email, setEmail] = useState('');
  const form = useForm({
    id: 'forgot',
    action: async () => {
      try {
        const body: PasswordResetRequest = { email: email.trim() };
        await api.post<void>('/api/v1/password-reset', body);
      } catch (caught) {
        // The limit counts requests for this address: its message belongs beside the field.
        if (caught instanceof ApiError && caught.status === 429) throw new FormErrors({ email: caught.message });
        throw caught;
      }
      // Asked before the page's own read of the settings came back: read them now.
      const settings = about.data ?? (await api.get<About>(ABOUT_KEY).catch(() => undefined));
      return sentMessage(settings?.retention.password_reset_minutes);
    },
  });

  return (
    <div class="narrow">
      <PageHeading title={t('about.web.forgot.title')} />
      <p>{t('about.web.forgot.intro')}</p>
      <Form form={form}>
        <InputField
          name="email"
          label={t('about.web.forgot.email')}
          type="email"
          autocomplete="username"
          value={email}
          onValue={setEmail}
        />
        <FormMessages />
        <Submit>{t('about.web.forgot.submit')}</Submit>
      </Form>
      <p>
        <a href="/connexion">{t('about.web.forgot.back_to_sign_in')}</a>
      </p>
    </div>
  );
}

export default () => <ForgotPasswordPage />;
