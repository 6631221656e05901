// @vitest-environment jsdom
// The reset page with the API stubbed: the link's address prefilled, the two copies compared,
// the refusal of the link in the general alert with a way to ask again, the policy's refusal
// beside the new password, and the success.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearQueries } from '../../kit/query';
import { forgetResetLink } from './about';
import { ResetPasswordPage } from './ResetPassword';

let root: HTMLDivElement;
const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const sent: Array<{ url: string; body: unknown }> = [];

/** The API answers `status` with this error body (or nothing) to every request. */
function answer(status: number, error?: { code: string; message: string; field?: string }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(error ? JSON.stringify({ error }) : null, {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
}

async function open(hash: string) {
  window.history.replaceState(null, '', '/mot-de-passe-oublie/nouveau' + hash);
  root = document.createElement('div');
  document.body.append(root);
  await act(() => {
    render(<ResetPasswordPage />, root);
  });
}

async function type(selector: string, value: string) {
  const input = $(selector) as HTMLInputElement;
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit() {
  await act(async () => {
    $('form')!.dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
    // The answer's body is read after the response: let those steps run too.
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function fillPasswords(password: string, confirmation = password) {
  await type('#reset-new_password', password);
  await type('#reset-confirmation', confirmation);
}

beforeEach(() => {
  sent.length = 0;
});

afterEach(() => {
  render(null, root);
  root.remove();
  clearQueries();
  forgetResetLink();
  vi.unstubAllGlobals();
});

describe('the reset page', () => {
  it("prefills the link's address, clears the fragment, and sends token, address and password", async () => {
    answer(204);
    await open('#jeton=tok&courriel=claire.dumont%40alma.example.org');
    expect(window.location.hash).toBe('');
    expect(($('#reset-email') as HTMLInputElement).value).toBe('claire.dumont@alma.example.org');
    await fillPasswords('un nouveau mot de passe');
    await submit();
    expect(sent).toEqual([
      {
        url: '/api/v1/password-reset/confirm',
        body: { email: 'claire.dumont@alma.example.org', token: 'tok', new_password: 'un nouveau mot de passe' },
      },
    ]);
    expect($('form')).toBeNull();
    expect($('[role="status"]')!.textContent).toContain('Votre mot de passe est changé');
    expect($('[role="status"] a')!.getAttribute('href')).toBe('/connexion');
  });

  it('compares the two copies before sending anything', async () => {
    answer(204);
    await open('#jeton=tok&courriel=a%40b.fr');
    await fillPasswords('un nouveau mot de passe', 'un autre');
    await submit();
    expect(sent).toEqual([]);
    expect($('#reset-confirmation')!.getAttribute('aria-invalid')).toBe('true');
  });

  it('says the link is refused in the alert, with a link to ask for another', async () => {
    const message = "Ce lien n'est plus valable";
    answer(400, { code: 'tenancy.password_reset.invalid_token', message, field: 'token' });
    await open('#jeton=used&courriel=a%40b.fr');
    await fillPasswords('un nouveau mot de passe');
    await submit();
    const alert = $('#reset-token-error')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(message);
    expect(alert.querySelector('a')!.getAttribute('href')).toBe('/mot-de-passe-oublie');
  });

  it("puts the password policy's refusal beside the new password", async () => {
    answer(400, { code: 'tenancy.password.too_short', message: 'Trop court', field: 'new_password' });
    await open('#jeton=tok&courriel=a%40b.fr');
    await fillPasswords('court');
    await submit();
    expect($('#reset-new_password-error')!.textContent).toBe('Trop court');
    expect($('#reset-token-error')!.textContent).toBe('');
  });

  it('offers to ask for a link when the address carries none', async () => {
    await open('');
    expect($('form')).toBeNull();
    expect($('a[href="/mot-de-passe-oublie"]')).not.toBeNull();
  });
});
