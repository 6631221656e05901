// The new password typed twice, as the change of password and the reset by mail both ask it:
// the policy's minimum as a hint (the server decides), and the two copies compared before sending.
import { t } from '../../i18n';
import { InputField, type FieldErrors } from '../../kit/form';

/** The server's minimum (tenancy's password policy), for the hint; the server decides. */
export const PASSWORD_MIN_LENGTH = 12;

/** The error of the confirmation when the two copies differ, for a form's `validate`. */
export function confirmationErrors(password: string, confirmation: string): FieldErrors | null {
  return password !== confirmation ? { confirmation: t('tenancy.web.password.mismatch') } : null;
}

/** Two fields of the form: `new_password` (the API's name, for its errors) and `confirmation`. */
export function NewPasswordFields({
  password,
  onPassword,
  confirmation,
  onConfirmation,
}: {
  password: string;
  onPassword: (value: string) => void;
  confirmation: string;
  onConfirmation: (value: string) => void;
}) {
  return (
    <>
      <InputField
        name="new_password"
        label={t('tenancy.web.password.new')}
        hint={t('tenancy.web.password.hint', { min: PASSWORD_MIN_LENGTH })}
        type="password"
        autocomplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        value={password}
        onValue={onPassword}
      />
      <InputField
        name="confirmation"
        label={t('tenancy.web.password.confirmation')}
        type="password"
        autocomplete="new-password"
        value={confirmation}
        onValue={onConfirmation}
      />
    </>
  );
}
