// The page a reset mail's link opens: the token and address come in the address's fragment
// (never sent to the server), the person types a new password twice, and the server closes all
// her sessions. A link used, expired or for another address is refused with a way to ask again.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { PageHeading, toApiError } from '../../components';
import { t } from '../../i18n';
import { Form, FormErrors, FormMessages, InputField, Submit, useForm, type FormKit } from '../../kit/form';
import type { PasswordResetConfirmation } from '../../types';
import { confirmationErrors, NewPasswordFields } from '../tenancy/NewPasswordFields';
import { forgetResetLink, takeResetLink, type ResetLink } from './about';

/** The API's name of the token in its errors: that error names no field the person can mend. */
const TOKEN = 'token';

/** A way to ask for a new link, on its own line under a message about the old one. */
function AskAgain({ children }: { children: ComponentChildren }) {
  return (
    <>
      {children}
      <a class="ask-again" href="/mot-de-passe-oublie">
        {t('about.web.reset.ask_again')}
      </a>
    </>
  );
}

/** The refusal of the link: an alert region always there, so that what appears is announced. */
function LinkRefused({ form }: { form: FormKit }) {
  const message = form.errors[TOKEN] ?? '';
  return (
    <div role="alert" id={`${form.id}-token-error`} class={message ? 'notice notice-error' : 'notice-empty'}>
      {message && <AskAgain>{message}</AskAgain>}
    </div>
  );
}

function ResetForm({ link, onDone }: { link: ResetLink; onDone: () => void }) {
  const [email, setEmail] = useState(link.email);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const form = useForm({
    id: 'reset',
    validate: () => confirmationErrors(password, confirmation),
    action: async () => {
      const body: PasswordResetConfirmation = { email: email.trim(), token: link.token, new_password: password };
      try {
        await api.post<void>('/api/v1/password-reset/confirm', body);
      } catch (caught) {
        const failure = toApiError(caught);
        if (failure.field === TOKEN) {
          forgetResetLink();
          throw new FormErrors({ [TOKEN]: failure.message });
        }
        throw caught;
      }
      forgetResetLink();
      onDone();
    },
  });

  return (
    <Form form={form}>
      <LinkRefused form={form} />
      <InputField
        name="email"
        label={t('about.web.reset.email')}
        type="email"
        autocomplete="username"
        value={email}
        onValue={setEmail}
      />
      <NewPasswordFields
        password={password}
        onPassword={setPassword}
        confirmation={confirmation}
        onConfirmation={setConfirmation}
      />
      <FormMessages />
      <Submit>{t('about.web.reset.submit')}</Submit>
    </Form>
  );
}

export function ResetPasswordPage() {
  // Read once: the fragment leaves the address bar as soon as it is read.
  const [link] = useState(takeResetLink);
  const [done, setDone] = useState(false);
  return (
    <div class="narrow">
      <PageHeading title={t('about.web.reset.title')} />
      <div role="status" class={done ? 'notice notice-status' : 'notice-empty'}>
        {done && (
          <>
            {t('about.web.reset.done')} <a href="/connexion">{t('about.web.reset.sign_in')}</a>
          </>
        )}
      </div>
      {!done && link && <ResetForm link={link} onDone={() => setDone(true)} />}
      {!done && !link && (
        <p class="notice notice-error">
          <AskAgain>{t('about.web.reset.no_link')}</AskAgain>
        </p>
      )}
    </div>
  );
}

export default () => <ResetPasswordPage />;
