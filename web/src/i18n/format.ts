// The message syntax of the catalogues (the subset of ICU MessageFormat the server renders too):
// `{name}` is a parameter, `{count, plural, =0 {aucun} one {# jour} other {# jours}}` chooses by
// the language's plural rules, `#` being the number, and `{article, select, masc {du } other {de }}`
// chooses by the parameter's value (a French article, web/src/i18n/articles.ts). Apostrophes are
// plain text: French needs them everywhere and no message quotes braces.

export type MessageParams = Record<string, string | number>;

/** The index of the brace closing the one at `open`, or -1 when the text is unbalanced. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `=0 {…} one {…} other {…}` → the selector and body of each case. */
function pluralCases(text: string): Map<string, string> {
  const cases = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const end = closing(text, open);
    if (end < 0) break;
    cases.set(text.slice(i, open).trim(), text.slice(open + 1, end));
    i = end + 1;
  }
  return cases;
}

function plural(
  body: string,
  value: number,
  params: MessageParams,
  locale: string,
  formatNumber: (n: number) => string,
): string {
  const cases = pluralCases(body);
  const chosen =
    cases.get(`=${value}`) ?? cases.get(new Intl.PluralRules(locale).select(value)) ?? cases.get('other') ?? '';
  // `#` of this level only: the nested messages are rendered with their own.
  return renderMessage(chosen, params, locale, formatNumber).replace(/#/g, formatNumber(value));
}

/** The text of a message with its parameters; a missing parameter stays visible as `{name}`. */
export function renderMessage(
  text: string,
  params: MessageParams,
  locale: string,
  formatNumber: (n: number) => string,
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    const end = closing(text, open);
    if (end < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, open);
    const inside = text.slice(open + 1, end);
    const [name, kind, ...rest] = inside.split(',');
    const key = name.trim();
    const value = params[key];
    if (kind !== undefined && kind.trim() === 'plural') {
      out += plural(rest.join(','), Number(value ?? 0), params, locale, formatNumber);
    } else if (kind !== undefined && kind.trim() === 'select') {
      const cases = pluralCases(rest.join(','));
      const chosen = cases.get(String(value ?? 'other')) ?? cases.get('other') ?? '';
      out += renderMessage(chosen, params, locale, formatNumber);
    } else {
      out += value === undefined ? `{${key}}` : String(value);
    }
    i = end + 1;
  }
  return out;
}
