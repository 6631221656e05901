// What the legal pages and the password-reset pages share: the operator's facts from
// GET /api/v1/about, how a contact is linked, and the reset link's fragment.
import { useQuery, type Query } from '../../kit/query';
import type { About } from '../../types';

export const ABOUT_KEY = '/api/v1/about';

/**
 * GET /api/v1/about (no session needed). Its strings are '' when the operator did not set them;
 * the pages then say so rather than leave a blank.
 */
export function useAbout(): Query<About> {
  return useQuery<About>(ABOUT_KEY);
}

/** How a contact the operator typed is reached: a mail address, a web address, or just text. */
export type Contact =
  | { kind: 'mail'; href: string; text: string }
  | { kind: 'web'; href: string; text: string }
  | { kind: 'text'; text: string };

const MAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export function contactOf(value: string): Contact {
  const text = value.trim();
  const mail = text.replace(/^mailto:/i, '');
  if (MAIL.test(mail)) return { kind: 'mail', href: `mailto:${mail}`, text: mail };
  // Only https and http: anything else typed as a link (javascript:…) stays text.
  if (/^https?:\/\/[^\s]+$/i.test(text)) return { kind: 'web', href: text, text };
  return { kind: 'text', text };
}

/** The token and address a reset mail's link carries after its '#' (never sent to the server). */
export interface ResetLink {
  token: string;
  email: string;
}

/**
 * Reads `#jeton=…&courriel=…`. Values are percent-decoded but a '+' stays a '+' (it is legal in
 * an address, and the server encodes a space as %20). Null when there is no token.
 */
export function parseResetFragment(hash: string): ResetLink | null {
  const values = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const value = decoded(part.slice(equals + 1));
    if (value !== null) values.set(part.slice(0, equals), value);
  }
  const token = values.get('jeton')?.trim() ?? '';
  if (token === '') return null;
  return { token, email: values.get('courriel')?.trim() ?? '' };
}

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    // A broken escape (%E9 alone): the value is not trusted rather than half read.
    return null;
  }
}

let kept: ResetLink | null = null;

/**
 * The reset link of the address bar, taken once: the fragment is then removed from the address
 * (and so from the history and from what a screenshot shows), and the link is kept in memory so
 * that the page, started afresh when the language changes, still has it.
 */
export function takeResetLink(): ResetLink | null {
  const found = parseResetFragment(window.location.hash);
  if (found) {
    kept = found;
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
  return kept;
}

/** The link has served (or was refused): a new visit of the page must not offer it again. */
export function forgetResetLink(): void {
  kept = null;
}
