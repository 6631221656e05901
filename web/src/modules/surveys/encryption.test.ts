// The encryption section's checks and readings: a new passphrase counted in characters as the
// server counts them, its confirmation; the file name of a download from every form of
// Content-Disposition, never with a folder; the unverified instanceIDs; and the decrypted export
// sent as a JSON POST with the anti-forgery header, its file and header read back, its 403 kept
// with the field it names.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setCsrfToken } from '../../api';
import {
  PASSPHRASE_MAX,
  PASSPHRASE_MIN,
  characters,
  exportDecrypted,
  fileNameFromDisposition,
  newPassphraseProblems,
  unverifiedInstances,
} from './encryption';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('a new passphrase', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(characters('été')).toBe(3);
    expect(characters('🔐🔐')).toBe(2);
    expect(characters('')).toBe(0);
  });

  it('is 12 to 200 characters, confirmed by the same text', () => {
    const twelve = 'a'.repeat(PASSPHRASE_MIN);
    expect(newPassphraseProblems(twelve, twelve)).toBeNull();
    expect(newPassphraseProblems('a'.repeat(PASSPHRASE_MAX), 'a'.repeat(PASSPHRASE_MAX))).toBeNull();
    expect(newPassphraseProblems('a'.repeat(11), 'a'.repeat(11))).toEqual({ passphrase: 'too_short' });
    expect(newPassphraseProblems('a'.repeat(201), 'a'.repeat(201))).toEqual({ passphrase: 'too_long' });
    expect(newPassphraseProblems('', '')).toEqual({ passphrase: 'missing', confirmation: 'missing' });
    expect(newPassphraseProblems(twelve, twelve + ' ')).toEqual({ confirmation: 'mismatch' });
    expect(newPassphraseProblems(twelve, '')).toEqual({ confirmation: 'missing' });
  });

  it('keeps its spaces and counts eleven emoji as too short', () => {
    expect(newPassphraseProblems(' '.repeat(12), ' '.repeat(12))).toBeNull();
    const emoji = '🔐'.repeat(11);
    expect(emoji.length).toBe(22);
    expect(newPassphraseProblems(emoji, emoji)).toEqual({ passphrase: 'too_short' });
  });
});

describe('the file name of a download', () => {
  it('reads the forms of Content-Disposition', () => {
    expect(fileNameFromDisposition('attachment; filename="partenaires_2026.csv"', 'x.csv')).toBe('partenaires_2026.csv');
    expect(fileNameFromDisposition('attachment; filename=partenaires_2026.xlsx', 'x.xlsx')).toBe('partenaires_2026.xlsx');
    expect(fileNameFromDisposition('attachment; FILENAME="a \\"b\\".csv"', 'x.csv')).toBe('a "b".csv');
    expect(fileNameFromDisposition(`attachment; filename="plain.csv"; filename*=UTF-8''r%C3%A9ponses.csv`, 'x.csv')).toBe('réponses.csv');
  });

  it('falls back when it names nothing usable, and drops any folder', () => {
    expect(fileNameFromDisposition(null, 'f.csv')).toBe('f.csv');
    expect(fileNameFromDisposition('attachment', 'f.csv')).toBe('f.csv');
    expect(fileNameFromDisposition('attachment; filename=""', 'f.csv')).toBe('f.csv');
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'f.csv')).toBe('passwd');
    expect(fileNameFromDisposition('attachment; filename="a\\\\..\\\\b.csv"', 'f.csv')).toBe('b.csv');
    expect(fileNameFromDisposition('attachment; filename=".."', 'f.csv')).toBe('f.csv');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A.csv`, 'f.csv')).toBe('f.csv');
  });
});

describe('the unverified instances', () => {
  it('are the comma-separated ids of the header', () => {
    expect(unverifiedInstances(null)).toEqual([]);
    expect(unverifiedInstances('')).toEqual([]);
    expect(unverifiedInstances('uuid:a')).toEqual(['uuid:a']);
    expect(unverifiedInstances('uuid:a, uuid:b,,')).toEqual(['uuid:a', 'uuid:b']);
  });
});

describe('the decrypted export', () => {
  it('posts the passphrase as JSON with the token and reads the file back', async () => {
    setCsrfToken('token-1');
    const fetch = vi.fn(
      async () =>
        new Response('\ufeffRéponse n°,partenaire\n', {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="partenaires_2026.csv"',
            'Ensemble-Unverified-Instances': 'uuid:1,uuid:2',
          },
        }),
    );
    vi.stubGlobal('fetch', fetch);
    const file = await exportDecrypted(2, 'partenaires', 'csv', 'correct horse battery');
    expect(file.fileName).toBe('partenaires_2026.csv');
    expect(file.unverified).toEqual(['uuid:1', 'uuid:2']);
    expect(await file.blob.text()).toContain('Réponse n°,partenaire');
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/surveys/forms/2/submissions/decrypted.csv');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ passphrase: 'correct horse battery' });
    const headers = init.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('token-1');
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('names the file after the questionnaire when the header does not', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('PK', { status: 200 })));
    const file = await exportDecrypted(2, 'partenaires_2026', 'xlsx', 'correct horse battery');
    expect(file.fileName).toBe('partenaires_2026.xlsx');
    expect(file.unverified).toEqual([]);
  });

  it('throws the API error with the field it names', async () => {
    const body = { error: { code: 'permission_denied', message: 'ce secret n’ouvre pas la clé', field: 'passphrase' } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 403 })));
    const failure = await exportDecrypted(2, 'p', 'csv', 'wrong').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(403);
    expect((failure as ApiError).field).toBe('passphrase');
    expect((failure as ApiError).message).toBe('Ce secret n’ouvre pas la clé');
  });
});
