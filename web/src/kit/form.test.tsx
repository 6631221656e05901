// @vitest-environment jsdom
// The form kit: the API's error beside the field it names (tied by aria-describedby, the focus
// on it), an error about no field of the form in the alert region, the page's own checks the
// same way, one submit at a time, and the confirmation with the invalidation of what changed.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { Field, Form, FormMessages, Submit, useForm, type FieldErrors } from './form';
import { clearQueries, fetchQuery, peekQuery } from './query';

interface Options {
  action: () => Promise<string | void>;
  validate?: () => FieldErrors | null;
  invalidates?: string[];
}

function PasswordForm({ action, validate, invalidates }: Options) {
  const form = useForm({ id: 'pw', action, validate, invalidates });
  return (
    <Form form={form}>
      <Field name="current_password" label="Mot de passe actuel">
        {(props) => <input {...props} type="password" />}
      </Field>
      <Field name="new_password" label="Nouveau mot de passe" hint="Au moins 12 caractères.">
        {(props) => <input {...props} type="password" />}
      </Field>
      <FormMessages />
      <Submit>Changer</Submit>
    </Form>
  );
}

let root: HTMLDivElement;

async function show(options: Options) {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(<PasswordForm {...options} />, root);
  });
}

async function submit() {
  await act(async () => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
  });
}

const $ = (selector: string) => root.querySelector<HTMLElement>(selector);

afterEach(() => {
  render(null, root);
  root.remove();
  clearQueries();
});

describe('the form kit', () => {
  it("puts the API's error beside the field it names, with the focus", async () => {
    await show({
      action: () => Promise.reject(new ApiError(400, 'invalid_argument', 'Trop court', 'new_password')),
    });
    const input = $('#pw-new_password')!;
    expect(input.getAttribute('aria-describedby')).toBe('pw-new_password-hint');
    await submit();
    expect($('#pw-new_password-error')?.textContent).toBe('Trop court');
    expect($('#pw-new_password-error')?.closest('.field')).toBe(input.closest('.field'));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('pw-new_password-hint pw-new_password-error');
    expect(document.activeElement).toBe(input);
    expect($('#pw-alert')?.textContent).toBe('');
    expect($('#pw-current_password')?.getAttribute('aria-invalid')).toBeNull();
  });

  it('says in the alert region an error that names no field of the form', async () => {
    await show({ action: () => Promise.reject(new ApiError(401, 'unauthenticated', 'Adresse ou mot de passe incorrect')) });
    await submit();
    expect($('#pw-alert')?.getAttribute('role')).toBe('alert');
    expect($('#pw-alert')?.textContent).toBe('Adresse ou mot de passe incorrect');
    expect(root.querySelectorAll('[aria-invalid="true"]').length).toBe(0);

    // A field the form does not have (`levels.budget` on this form) goes there too.
    render(null, root);
    await show({ action: () => Promise.reject(new ApiError(400, 'invalid_argument', 'Niveau inconnu', 'levels.budget')) });
    await submit();
    expect($('#pw-alert')?.textContent).toBe('Niveau inconnu');
  });

  it("checks the page's own rules before sending, focusing the first field in error", async () => {
    let sent = 0;
    await show({
      validate: () => ({ current_password: 'Requis', new_password: 'Trop court' }),
      action: async () => {
        sent++;
      },
    });
    await submit();
    expect(sent).toBe(0);
    expect($('#pw-current_password-error')?.textContent).toBe('Requis');
    expect($('#pw-new_password-error')?.textContent).toBe('Trop court');
    expect(document.activeElement).toBe($('#pw-current_password'));
  });

  it('runs one submit at a time, busy meanwhile, then confirms and invalidates', async () => {
    let finish: () => void = () => undefined;
    let runs = 0;
    const { load } = { load: async () => 'fresh' };
    await fetchQuery('/api/v1/me/sessions', async () => 'stale');
    await show({
      action: () => {
        runs++;
        return new Promise<string>((resolve) => {
          finish = () => resolve('Mot de passe changé.');
        });
      },
      invalidates: ['/api/v1/me/'],
    });
    await submit();
    await submit();
    expect(runs).toBe(1);
    expect($('button')?.getAttribute('aria-busy')).toBe('true');
    await act(async () => finish());
    expect($('button')?.getAttribute('aria-busy')).toBeNull();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Mot de passe changé.');
    // The cached answer under the prefix is stale now: the next use asks again.
    expect(await fetchQuery('/api/v1/me/sessions', load)).toBe('fresh');
    expect(peekQuery('/api/v1/me/sessions').data).toBe('fresh');
  });
});
