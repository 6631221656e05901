// The form kit every form uses: one busy state (a second submit is ignored while the first
// runs), the API's error beside the field it names (the error's `field`), a hint per field,
// errors about no field in an alert region above the button, a confirmation in a status region,
// and the focus on the first field in error. Fields are tied to their hint and error by
// aria-describedby.
import { createContext, type ComponentChildren, type JSX } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Notice, toApiError } from '../components';
import { invalidate } from './query';

/** Errors by field name, as the API names fields (`new_password`, `levels.budget`). */
export type FieldErrors = Record<string, string>;

/** Thrown by an action (or returned by `validate`) for errors the page finds itself. */
export class FormErrors extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors)[0] ?? '');
    this.name = 'FormErrors';
  }
}

export interface FormOptions {
  /** Prefix of the fields' ids: `${id}-${name}`. */
  id: string;
  /** Does the work; returns the confirmation to announce, if any. */
  action: () => Promise<string | void>;
  /** Checks made before sending: errors by field, or null. */
  validate?: () => FieldErrors | null;
  /** Cached GETs whose key starts with one of these are asked again after a success. */
  invalidates?: string[];
  /** Called after a failure (to clear a password, say). */
  onError?: () => void;
}

export interface FormKit {
  id: string;
  busy: boolean;
  status: string;
  /** The error that names no field of this form. */
  error: string;
  errors: FieldErrors;
  onSubmit: (event: Event) => void;
  /** Runs the action as a submit would (for buttons outside a form). */
  run: () => Promise<void>;
  /** The field names rendered in this form, so that an error naming another goes to the alert. */
  fields: Set<string>;
  /** Bumped at each failure: the focus moves once per failure. */
  failures: number;
}

export function useForm(options: FormOptions): FormKit {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failures, setFailures] = useState(0);
  const running = useRef(false);
  const fields = useRef(new Set<string>()).current;

  function fail(found: FieldErrors, other: string) {
    setErrors(found);
    setError(other);
    setFailures((n) => n + 1);
    options.onError?.();
  }

  async function run() {
    if (running.current) return;
    setStatus('');
    setError('');
    setErrors({});
    const invalid = options.validate?.();
    if (invalid && Object.keys(invalid).length > 0) {
      fail(invalid, '');
      return;
    }
    running.current = true;
    setBusy(true);
    try {
      const done = await options.action();
      if (options.invalidates) invalidate(...options.invalidates);
      setStatus(done ?? '');
    } catch (caught) {
      if (caught instanceof FormErrors) {
        fail(caught.errors, '');
      } else {
        const failure = toApiError(caught);
        if (failure.field !== null && fields.has(failure.field)) fail({ [failure.field]: failure.message }, '');
        else fail({}, failure.message);
      }
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  return {
    id: options.id,
    busy,
    status,
    error,
    errors,
    failures,
    fields,
    run,
    onSubmit: (event: Event) => {
      event.preventDefault();
      void run();
    },
  };
}

const FormContext = createContext<FormKit | null>(null);

function useFormKit(): FormKit {
  const kit = useContext(FormContext);
  if (!kit) throw new Error('a form field outside <Form>');
  return kit;
}

/** The <form>: no browser validation bubbles (the kit's errors are worded and placed). */
export function Form({
  form,
  children,
  class: className = 'form',
  label,
  role,
}: {
  form: FormKit;
  children: ComponentChildren;
  class?: string;
  label?: string;
  role?: 'search';
}) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.failures === 0) return;
    const first = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    first?.focus();
  }, [form.failures]);
  return (
    <form ref={ref} class={className} onSubmit={form.onSubmit} noValidate aria-label={label} role={role}>
      <FormContext.Provider value={form}>{children}</FormContext.Provider>
    </form>
  );
}

/** What a field's control receives: its id, name and the ARIA ties to its hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled field: the control is the child function, given its props; the hint under it, the
 * error beside it.
 */
export function Field({
  name,
  label,
  hint,
  class: className = 'field',
  children,
}: {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  class?: string;
  children: (props: ControlProps) => JSX.Element;
}) {
  const form = useFormKit();
  form.fields.add(name);
  const props = controlProps(form, name, hint !== undefined);
  const error = form.errors[name];
  const control = children(props);
  const labelElement = <label for={props.id}>{label}</label>;
  return (
    <div class={error ? `${className} field-invalid` : className}>
      {className.includes('checkbox') ? [control, labelElement] : [labelElement, control]}
      {hint !== undefined && (
        <span class="hint" id={`${props.id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <p class="field-error" id={`${props.id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A required one-line field whose value the page keeps: an address, a password, a name. */
export function InputField({
  name,
  label,
  hint,
  type = 'text',
  autocomplete,
  minLength,
  value,
  onValue,
}: {
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  minLength?: number;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <Field name={name} label={label} hint={hint}>
      {(props) => (
        <input
          {...props}
          type={type}
          autocomplete={autocomplete}
          required
          minLength={minLength}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The props of a control named `name` of the form (for controls laid out by hand: radios). */
export function useControl(name: string, hasHint = false): ControlProps {
  const form = useFormKit();
  form.fields.add(name);
  return controlProps(form, name, hasHint);
}

/** A field's id: the form's, then the name with what an id may not hold as dashes. */
function fieldId(form: FormKit, name: string): string {
  return `${form.id}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function controlProps(form: FormKit, name: string, hasHint: boolean): ControlProps {
  const id = fieldId(form, name);
  const error = form.errors[name];
  const described = [hasHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
  };
}

/** The error of a control laid out by hand (beside a group of radios). */
export function FieldError({ name }: { name: string }) {
  const form = useFormKit();
  const error = form.errors[name];
  if (!error) return null;
  return (
    <p class="field-error" id={`${fieldId(form, name)}-error`}>
      {error}
    </p>
  );
}

/** The alert region (errors of no field) and the status region (the confirmation). */
export function FormMessages({ form: given }: { form?: FormKit }) {
  const context = useContext(FormContext);
  const form = given ?? context;
  if (!form) return null;
  return (
    <>
      <Notice kind="error" id={`${form.id}-alert`} message={form.error} />
      <Notice kind="status" message={form.status} />
    </>
  );
}

export function Submit({ children, class: className = 'button primary' }: { children: ComponentChildren; class?: string }) {
  const form = useFormKit();
  return (
    <button type="submit" class={className} aria-busy={form.busy ? true : undefined}>
      {children}
    </button>
  );
}
