// Sign-in: e-mail and password; the API's message beside the field it names, or in the alert.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { PageHeading, Redirect } from '../../components';
import { t } from '../../i18n';
import { Form, FormMessages, InputField, Submit, useForm } from '../../kit/form';
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
  const form = useForm({
    id: 'signin',
    action: async () => {
      onSignedIn(await api.post<Session>('/api/v1/session', { email: email.trim(), password }));
    },
    onError: () => setPassword(''),
  });

  return (
    <div class="narrow">
      <PageHeading title={t('tenancy.web.sign_in.title')} />
      <p>{t('tenancy.web.sign_in.intro')}</p>
      {notice && <p class="notice notice-info">{notice}</p>}
      <Form form={form}>
        <InputField
          name="email"
          label={t('tenancy.web.sign_in.email')}
          type="email"
          autocomplete="username"
          value={email}
          onValue={setEmail}
        />
        <InputField
          name="password"
          label={t('tenancy.web.sign_in.password')}
          type="password"
          autocomplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <FormMessages />
        <Submit>{t('tenancy.web.sign_in.submit')}</Submit>
      </Form>
      <p>
        <a href="/mot-de-passe-oublie">{t('about.web.forgot.link')}</a>
      </p>
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
