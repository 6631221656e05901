// What the encryption section (Encryption.tsx) checks and reads without the page: a new
// passphrase's length and its confirmation (the API's own bounds, counted in characters as the
// server counts them, code points), the file name of a download from its Content-Disposition,
// the instanceIDs whose signature failed from the export's header, and the export itself.
import { requestFile } from '../../api';

/** The API's bounds of a passphrase (POST …/key, PUT …/key/passphrase), in characters. */
export const PASSPHRASE_MIN = 12;
export const PASSPHRASE_MAX = 200;

export type PassphraseProblem = 'missing' | 'too_short' | 'too_long';
export type ConfirmationProblem = 'missing' | 'mismatch';

/** Characters as the server counts them: an emoji or an accented letter is one. */
export function characters(text: string): number {
  return [...text].length;
}

/** What is wrong with a new passphrase and its confirmation, if anything (no trimming: spaces count). */
export function newPassphraseProblems(
  passphrase: string,
  confirmation: string,
): { passphrase?: PassphraseProblem; confirmation?: ConfirmationProblem } | null {
  const found: { passphrase?: PassphraseProblem; confirmation?: ConfirmationProblem } = {};
  const length = characters(passphrase);
  if (length === 0) found.passphrase = 'missing';
  else if (length < PASSPHRASE_MIN) found.passphrase = 'too_short';
  else if (length > PASSPHRASE_MAX) found.passphrase = 'too_long';
  if (confirmation === '') found.confirmation = 'missing';
  else if (confirmation !== passphrase) found.confirmation = 'mismatch';
  return Object.keys(found).length > 0 ? found : null;
}

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*=UTF-8''…` first, then
 * `filename="…"` or a bare token), without any folder part; `fallback` when it gives none.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  let name: string | null = null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
    if (quoted) name = quoted[1].replace(/\\(.)/g, '$1');
  }
  if (name === null) {
    const bare = /(?:^|;)\s*filename\s*=\s*([^";\s]+)/i.exec(header);
    if (bare) name = bare[1];
  }
  if (name === null) return fallback;
  const base = name.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

/** The instanceIDs of Ensemble-Unverified-Instances (comma-separated), none when absent. */
export function unverifiedInstances(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

export type ExportFormat = 'csv' | 'xlsx';

export interface DecryptedExport {
  blob: Blob;
  fileName: string;
  unverified: string[];
}

/**
 * The acting structure's answers, its encrypted ones decrypted with the passphrase (a POST, so
 * that the passphrase is in the body, never in a URL). A wrong passphrase throws the API's 403
 * naming `passphrase`.
 */
export async function exportDecrypted(formId: number, xformId: string, format: ExportFormat, passphrase: string): Promise<DecryptedExport> {
  const { blob, headers } = await requestFile('POST', `/api/v1/surveys/forms/${formId}/submissions/decrypted.${format}`, { passphrase });
  return {
    blob,
    fileName: fileNameFromDisposition(headers.get('Content-Disposition'), `${xformId}.${format}`),
    unverified: unverifiedInstances(headers.get('Ensemble-Unverified-Instances')),
  };
}
