// « Chiffrement des réponses de votre structure », on a questionnaire's page: ODK's encrypted
// forms, one key per structure. The structure's director (`manage_form_key`) makes the key with a
// passphrase she chooses, after a step that says what changes; the recovery code the server
// answers is shown this once, to print or write down. Once the key exists, the page shows who made
// it and when, offers the director a new passphrase for the recovery code, and offers whoever
// reads the structure's answers (`read_answers`) their export decrypted with the passphrase.
// No passphrase stays in the page's state after its request: each field is emptied as it leaves.
import { useEffect, useRef, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { formatDateTime, t } from '../../i18n';
import { Field, Form, FormMessages, InputField, Submit, useForm, type FieldErrors } from '../../kit/form';
import { exportDecrypted, newPassphraseProblems, PASSPHRASE_MAX, PASSPHRASE_MIN, type ExportFormat } from './encryption';
import type { SurveyForm, SurveyFormKeyCreated } from './types';

const FORMS = '/api/v1/surveys/forms';

/** The kit's errors for a new passphrase and its confirmation, under the fields' names. */
function passphraseErrors(passphrase: string, confirmation: string): FieldErrors | null {
  const problems = newPassphraseProblems(passphrase, confirmation);
  if (!problems) return null;
  const errors: FieldErrors = {};
  if (problems.passphrase === 'missing') errors.passphrase = t('surveys.web.encryption.passphrase_missing');
  if (problems.passphrase === 'too_short') errors.passphrase = t('surveys.web.encryption.too_short', { min: PASSPHRASE_MIN });
  if (problems.passphrase === 'too_long') errors.passphrase = t('surveys.web.encryption.too_long', { max: PASSPHRASE_MAX });
  if (problems.confirmation === 'missing') errors.confirmation = t('surveys.web.encryption.confirmation_missing');
  if (problems.confirmation === 'mismatch') errors.confirmation = t('surveys.web.encryption.mismatch');
  return errors;
}

/** Hands a downloaded file to the browser under its name. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns: it is let go a while later.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function Encryption({ form, path, structure }: { form: SurveyForm; path: string; structure: string }) {
  // Kept here, above the parts that change when the form comes back with its key, so that the
  // recovery code stays on screen until she says she has it.
  const [created, setCreated] = useState<SurveyFormKeyCreated | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const manage = can(form, 'manage_form_key');
  const key = form.key;
  return (
    <section aria-labelledby="encryption-title" class="encryption">
      <h2 id="encryption-title" ref={heading} tabIndex={-1}>
        {t('surveys.web.encryption.title')}
      </h2>
      {!key && !manage ? (
        <p>{t('surveys.web.encryption.director_only')}</p>
      ) : (
        <>
          {created && (
            <RecoveryCode
              created={created}
              title={form.title}
              structure={structure}
              onNoted={() => {
                setCreated(null);
                heading.current?.focus();
              }}
            />
          )}
          {key ? (
            <>
              <p>{t('surveys.web.encryption.on')}</p>
              <dl class="facts">
                <dt>{t('surveys.web.encryption.key')}</dt>
                <dd>
                  <code>{key.tag}</code>
                </dd>
                <dt>{t('surveys.web.encryption.made_by')}</dt>
                <dd>{t('surveys.web.encryption.made', { name: key.created_by_name, date: formatDateTime(key.created_at) })}</dd>
                <dt>{t('surveys.web.encryption.passphrase_set')}</dt>
                <dd>{formatDateTime(key.passphrase_set_at)}</dd>
                <dt>{t('surveys.web.encryption.served_version')}</dt>
                <dd>{form.version}</dd>
              </dl>
            </>
          ) : (
            <p>{t('surveys.web.encryption.intro')}</p>
          )}
          <Who />
          {!key && manage && !created && <CreateKey path={path} onCreated={setCreated} />}
          {key && can(form, 'read_answers') && !created && <ExportDecrypted form={form} />}
          {key && manage && !created && <ResetPassphrase path={path} />}
        </>
      )}
    </section>
  );
}

function Who() {
  return (
    <>
      <h3>{t('surveys.web.encryption.who_title')}</h3>
      <ul class="encryption-who">
        <li>{t('surveys.web.encryption.who_director')}</li>
        <li>{t('surveys.web.encryption.who_server')}</li>
        <li>{t('surveys.web.encryption.who_readers')}</li>
        <li>{t('surveys.web.encryption.who_recover')}</li>
        <li>{t('surveys.web.encryption.who_lost')}</li>
      </ul>
    </>
  );
}

function CreateKey({ path, onCreated }: { path: string; onCreated: (created: SurveyFormKeyCreated) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [confirming, setConfirming] = useState(false);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const firstField = useRef<HTMLDivElement>(null);
  const step = useRef(false);
  const kit = useForm({
    id: 'form-key',
    invalidates: [path, FORMS],
    validate: () => (confirming ? null : passphraseErrors(passphrase, confirmation)),
    action: async () => {
      if (!confirming) {
        setConfirming(true);
        return;
      }
      try {
        onCreated(await api.post<SurveyFormKeyCreated>(`${path}/key`, { passphrase }));
      } finally {
        setPassphrase('');
        setConfirmation('');
        setConfirming(false);
      }
    },
    // The server's word on the passphrase is shown at its field, back on the first step.
    onError: () => setConfirming(false),
  });
  useEffect(() => {
    // The focus follows the step: the confirmation's heading, or the passphrase when back.
    if (confirming) confirmHeading.current?.focus();
    else if (step.current) firstField.current?.querySelector('input')?.focus();
    step.current = confirming;
  }, [confirming]);
  return (
    <>
      <h3>{t('surveys.web.encryption.create_title')}</h3>
      <Form form={kit} label={t('surveys.web.encryption.create_title')}>
        {confirming ? (
          <div class="encryption-confirm">
            <h4 ref={confirmHeading} tabIndex={-1}>
              {t('surveys.web.encryption.confirm_title')}
            </h4>
            <ul>
              <li>{t('surveys.web.encryption.confirm_devices')}</li>
              <li>{t('surveys.web.encryption.confirm_fill')}</li>
              <li>{t('surveys.web.encryption.confirm_before')}</li>
              <li>{t('surveys.web.encryption.confirm_once')}</li>
            </ul>
            <FormMessages />
            <div class="encryption-actions">
              <Submit>{t('surveys.web.encryption.confirm')}</Submit>
              <button type="button" class="button" onClick={() => setConfirming(false)}>
                {t('surveys.web.encryption.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <div ref={firstField}>
              <NewPassphrase
                passphrase={passphrase}
                confirmation={confirmation}
                onPassphrase={setPassphrase}
                onConfirmation={setConfirmation}
                label={t('surveys.web.encryption.passphrase')}
                confirmationLabel={t('surveys.web.encryption.confirmation')}
              />
            </div>
            <FormMessages />
            <Submit>{t('surveys.web.encryption.start')}</Submit>
          </>
        )}
      </Form>
    </>
  );
}

function NewPassphrase({
  passphrase,
  confirmation,
  onPassphrase,
  onConfirmation,
  label,
  confirmationLabel,
}: {
  passphrase: string;
  confirmation: string;
  onPassphrase: (value: string) => void;
  onConfirmation: (value: string) => void;
  label: string;
  confirmationLabel: string;
}) {
  return (
    <>
      <InputField
        name="passphrase"
        type="password"
        autocomplete="new-password"
        minLength={PASSPHRASE_MIN}
        label={label}
        hint={t('surveys.web.encryption.passphrase_hint', { min: PASSPHRASE_MIN, max: PASSPHRASE_MAX })}
        value={passphrase}
        onValue={onPassphrase}
      />
      <InputField
        name="confirmation"
        type="password"
        autocomplete="new-password"
        minLength={PASSPHRASE_MIN}
        label={confirmationLabel}
        value={confirmation}
        onValue={onConfirmation}
      />
    </>
  );
}

/** The recovery code, shown once: big, to print alone or to write down. */
function RecoveryCode({
  created,
  title,
  structure,
  onNoted,
}: {
  created: SurveyFormKeyCreated;
  title: string;
  structure: string;
  onNoted: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    // Leaving the page before the code is written down loses it: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      document.body.classList.remove('printing-recovery');
    };
  }, []);
  const print = () => {
    // The print style shows this block alone while the class is on the body.
    document.body.classList.add('printing-recovery');
    window.addEventListener('afterprint', () => document.body.classList.remove('printing-recovery'), { once: true });
    window.print();
  };
  const groups = created.recovery_code.split('-');
  return (
    <section class="recovery recovery-print" aria-labelledby="recovery-title">
      <p class="notice notice-status">{t('surveys.web.encryption.created_done')}</p>
      <h3 id="recovery-title" ref={heading} tabIndex={-1}>
        {t('surveys.web.encryption.code_title')}
      </h3>
      <p class="recovery-for">{structure ? t('surveys.web.encryption.code_for', { structure, title }) : title}</p>
      <p class="recovery-code">
        <code>
          {groups.map((group, index) => (
            <span key={index}>
              {index > 0 && '-'}
              {index > 0 && <wbr />}
              {group}
            </span>
          ))}
        </code>
      </p>
      <p class="recovery-warning">{t('surveys.web.encryption.code_warning')}</p>
      <p>{t('surveys.web.encryption.code_key', { tag: created.tag, date: formatDateTime(created.created_at) })}</p>
      <p>{t('surveys.web.encryption.code_use')}</p>
      <p>{t('surveys.web.encryption.version', { version: created.version })}</p>
      <div class="encryption-actions recovery-actions">
        <button type="button" class="button" onClick={print}>
          {t('surveys.web.encryption.print')}
        </button>
        <button type="button" class="button primary" onClick={onNoted}>
          {t('surveys.web.encryption.noted')}
        </button>
      </div>
    </section>
  );
}

function ResetPassphrase({ path }: { path: string }) {
  const [code, setCode] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const kit = useForm({
    id: 'key-reset',
    invalidates: [path, FORMS],
    validate: () => {
      const errors = passphraseErrors(passphrase, confirmation) ?? {};
      if (code.trim() === '') errors.recovery_code = t('surveys.web.encryption.recovery_missing');
      return Object.keys(errors).length > 0 ? errors : null;
    },
    action: async () => {
      try {
        await api.put<SurveyForm>(`${path}/key/passphrase`, { recovery_code: code, passphrase });
        setCode('');
      } finally {
        // The code stays for a typo to be fixed; the passphrases never outlive their request.
        setPassphrase('');
        setConfirmation('');
      }
      return t('surveys.web.encryption.reset_done');
    },
  });
  return (
    <>
      <h3>{t('surveys.web.encryption.forgot_title')}</h3>
      <p>{t('surveys.web.encryption.forgot_intro')}</p>
      <Form form={kit} label={t('surveys.web.encryption.forgot_title')}>
        <Field name="recovery_code" label={t('surveys.web.encryption.recovery_code')} hint={t('surveys.web.encryption.recovery_hint')}>
          {(props) => (
            <input
              {...props}
              type="text"
              class="recovery-input"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={64}
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          )}
        </Field>
        <NewPassphrase
          passphrase={passphrase}
          confirmation={confirmation}
          onPassphrase={setPassphrase}
          onConfirmation={setConfirmation}
          label={t('surveys.web.encryption.new_passphrase')}
          confirmationLabel={t('surveys.web.encryption.new_confirmation')}
        />
        <FormMessages />
        <Submit>{t('surveys.web.encryption.reset')}</Submit>
      </Form>
    </>
  );
}

function ExportDecrypted({ form }: { form: SurveyForm }) {
  const [passphrase, setPassphrase] = useState('');
  const [unverified, setUnverified] = useState<string[]>([]);
  const format = useRef<ExportFormat>('csv');
  const kit = useForm({
    id: 'key-export',
    validate: () => (passphrase === '' ? { passphrase: t('surveys.web.encryption.export_missing') } : null),
    action: async () => {
      const secret = passphrase;
      setPassphrase('');
      setUnverified([]);
      const file = await exportDecrypted(form.id, form.xform_id, format.current, secret);
      saveFile(file.blob, file.fileName);
      setUnverified(file.unverified);
      return t('surveys.web.encryption.export_done', { file: file.fileName });
    },
  });
  const choose = (chosen: ExportFormat) => () => {
    format.current = chosen;
  };
  return (
    <>
      <h3>{t('surveys.web.encryption.export_title')}</h3>
      <p>{t('surveys.web.encryption.export_intro')}</p>
      <Form form={kit} label={t('surveys.web.encryption.export_title')}>
        <InputField
          name="passphrase"
          type="password"
          autocomplete="current-password"
          label={t('surveys.web.encryption.export_passphrase')}
          value={passphrase}
          onValue={setPassphrase}
        />
        <FormMessages />
        <div class="encryption-actions">
          {/* Enter in the field presses the first: the CSV. */}
          <button type="submit" class="button primary" aria-busy={kit.busy ? true : undefined} onClick={choose('csv')}>
            {t('surveys.web.encryption.export_csv')}
          </button>
          <button type="submit" class="button" aria-busy={kit.busy ? true : undefined} onClick={choose('xlsx')}>
            {t('surveys.web.encryption.export_xlsx')}
          </button>
        </div>
      </Form>
      {unverified.length > 0 && (
        <div class="notice recovery-warning" role="alert">
          <p>{t('surveys.web.encryption.unverified', { count: unverified.length })}</p>
          <ul class="encryption-unverified">
            {unverified.map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
