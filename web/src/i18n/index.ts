// The pages' languages: French (the default) and English. `t(id, params)` renders a message of
// the catalogues (catalogues.ts) in the current language; the choice is kept in localStorage,
// follows the signed-in person's own (the shell applies the session's `language`), sets
// <html lang> and is sent to the API as Accept-Language. Dates, numbers and money are
// formatted by Intl in the same language.
import { useEffect, useState } from 'preact/hooks';
import { CATALOGUES, type MessageId } from './catalogues';
import { renderMessage, type MessageParams } from './format';

export type { MessageId } from './catalogues';
export type { MessageParams } from './format';

export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];
const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
const STORAGE_KEY = 'ensemble.language';

type Messages = Record<string, string>;
const MESSAGES: Record<Language, Messages> = { fr: {}, en: {} };
for (const module of Object.values(CATALOGUES)) {
  Object.assign(MESSAGES.fr, module.fr);
  Object.assign(MESSAGES.en, module.en);
}

export function isLanguage(value: unknown): value is Language {
  return value === 'fr' || value === 'en';
}

function stored(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'fr';
  } catch {
    // Storage refused (private mode, tests): French.
    return 'fr';
  }
}

let current: Language = stored();
const listeners = new Set<() => void>();

function applyToDocument(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}
applyToDocument();

export function language(): Language {
  return current;
}

export function locale(): string {
  return LOCALES[current];
}

/** Changes the language of every page (and what the API answers from now on); keeps the choice. */
export function setLanguage(next: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Not kept across reloads: the session's language still is, once signed in.
  }
  if (next === current) return;
  current = next;
  applyToDocument();
  for (const listener of listeners) listener();
}

/** The current language; the component renders again when it changes. */
export function useLanguage(): Language {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const update = () => setValue(current);
    listeners.add(update);
    update();
    return () => {
      listeners.delete(update);
    };
  }, []);
  return value;
}

/** The message in the current language (French when the English one is missing, else the id). */
export function t(id: MessageId, params: MessageParams = {}): string {
  const text = MESSAGES[current][id] ?? MESSAGES.fr[id] ?? id;
  return renderMessage(text, params, locale(), formatNumber);
}

/** Whether a catalogue has this id (for codes the API sends, such as the audit log's). */
export function hasMessage(id: string): id is MessageId {
  return id in MESSAGES.fr;
}

/** Dates are shown at the centres' time, whatever the reader's device says. */
function formatInParis(value: string | number | Date, options: Intl.DateTimeFormatOptions): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { timeZone: 'Europe/Paris', ...options }).format(date);
}

/** A date; `options` replace the short style (`{ month: 'long', year: 'numeric' }`). */
export function formatDate(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return formatInParis(value, options ?? { dateStyle: 'short' });
}

export function formatDateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return formatInParis(value, options ?? { dateStyle: 'short', timeStyle: 'medium' });
}

export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** An amount in cents (the API's money is integer cents), in euros unless said otherwise. */
export function formatMoney(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(cents / 100);
}
