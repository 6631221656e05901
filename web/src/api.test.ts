// The API client reads a body only when there is one: 204, and a 202 that only says the
// request was taken in (POST /api/v1/password-reset), answer nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './api';

function answer(status: number, body: string | null) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status })));
}

afterEach(() => vi.unstubAllGlobals());

describe('the API client', () => {
  it('takes an answer without a body as nothing', async () => {
    answer(202, null);
    await expect(api.post<void>('/api/v1/password-reset', { email: 'a@b.fr' })).resolves.toBeUndefined();
    answer(204, null);
    await expect(api.put<void>('/api/v1/me/language', { language: 'en' })).resolves.toBeUndefined();
  });

  it('reads a JSON body', async () => {
    answer(200, '{"items":[]}');
    await expect(api.get<{ items: unknown[] }>('/api/v1/structures')).resolves.toEqual({ items: [] });
  });
});
