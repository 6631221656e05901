// The catalogues the pages use are complete: every id written in web/src exists in French and
// in English, both languages have the same ids with the same parameters, every code of the API's
// enumerations has its words, and the files stay sorted by id (so that branches merge).
import { afterEach, describe, expect, it } from 'vitest';
import openapi from '../../../docs/openapi.json';
import { CATALOGUES } from './catalogues';
import { renderMessage } from './format';
import { formatMoney, formatNumber, setLanguage, t } from './index';

const MODULES = Object.keys(CATALOGUES);
const FRENCH: Record<string, string> = Object.assign({}, ...Object.values(CATALOGUES).map((c) => c.fr));
const ENGLISH: Record<string, string> = Object.assign({}, ...Object.values(CATALOGUES).map((c) => c.en));

const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../generated/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The quoted ids of the registered modules in a source; a prefix (ending with a dot) is not an id. */
function idsIn(source: string): string[] {
  const pattern = new RegExp(`['"\`]((?:${MODULES.join('|')})\\.[a-z0-9_.]*[a-z0-9_])['"\`]`, 'g');
  return [...source.matchAll(pattern)].map((found) => found[1]);
}

/** The names of a message's parameters, plural ones included (not a plural case's text). */
function parameters(text: string): string[] {
  const pattern =
    /(?<!(?:=\d+|zero|one|two|few|many|other|masc|fem|elided|bare_elided)\s*)\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*[,}]/g;
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]))].sort();
}

/** Parameters that only say how a language words a sentence (the French article): English may omit them. */
const GRAMMATICAL = new Set(['article']);

function meaningful(text: string): string[] {
  return parameters(text).filter((name) => !GRAMMATICAL.has(name));
}

describe('the catalogues of the pages', () => {
  afterEach(() => setLanguage('fr'));

  it('reads the sources and the parameters', () => {
    expect(parameters('{count, plural, =0 {nobody} one {# {who}} other {#}} {name}')).toEqual(['count', 'name', 'who']);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(idsIn("t('tenancy.web.nav.audit') + codeLabel('tenancy.web.kind.', x)")).toEqual(['tenancy.web.nav.audit']);
  });

  it('has every id the sources use, in French and in English', () => {
    const missing: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      for (const id of idsIn(source)) {
        if (!(id in FRENCH)) missing.push(`${file}: ${id} (fr)`);
        if (!(id in ENGLISH)) missing.push(`${file}: ${id} (en)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has the same ids and the same parameters in both languages', () => {
    for (const [module, { fr, en }] of Object.entries(CATALOGUES)) {
      expect(Object.keys(en).sort(), module).toEqual(Object.keys(fr).sort());
      for (const [id, text] of Object.entries(fr as Record<string, string>)) {
        expect(meaningful((en as Record<string, string>)[id]), id).toEqual(meaningful(text));
        expect(text.trim(), id).not.toBe('');
      }
    }
  });

  it('keeps each file sorted by id, each id under its module', () => {
    for (const [module, { fr, en }] of Object.entries(CATALOGUES)) {
      for (const ids of [Object.keys(fr), Object.keys(en)]) {
        expect(ids).toEqual([...ids].sort());
        for (const id of ids) expect(id.startsWith(`${module}.`), id).toBe(true);
      }
    }
  });

  it("words every code of the API's enumerations", () => {
    const schemas = openapi.components.schemas;
    const codes: Array<[string, readonly string[]]> = [
      ['tenancy.web.kind.', schemas.StructureKind.enum],
      ['tenancy.web.role.', schemas.Role.enum],
      ['tenancy.web.level.', schemas.SharingLevel.enum],
      ['tenancy.web.level_description.', schemas.SharingLevel.enum],
      ['tenancy.web.record_kind.', schemas.RecordKind.enum],
      ['tenancy.audit.action.', schemas.AuditEntry.properties.action.enum],
    ];
    const missing: string[] = [];
    for (const [prefix, values] of codes) {
      for (const code of values) {
        if (!(prefix + code in FRENCH) || !(prefix + code in ENGLISH)) missing.push(prefix + code);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('messages', () => {
  afterEach(() => setLanguage('fr'));
  const number = (n: number) => String(n);

  it('fills parameters and leaves a missing one visible', () => {
    expect(renderMessage('Bonjour {name} !', { name: 'Claire' }, 'fr-FR', number)).toBe('Bonjour Claire !');
    expect(renderMessage('Bonjour {name} !', {}, 'fr-FR', number)).toBe('Bonjour {name} !');
    expect(renderMessage("l'adresse d'{who}", { who: 'Alma' }, 'fr-FR', number)).toBe("l'adresse d'Alma");
  });

  it('chooses plurals by the language, exact cases first', () => {
    const text = '{count, plural, =0 {aucun jour} one {# jour} other {# jours}} restant';
    expect(renderMessage(text, { count: 0 }, 'fr-FR', number)).toBe('aucun jour restant');
    expect(renderMessage(text, { count: 1 }, 'fr-FR', number)).toBe('1 jour restant');
    // French says « 1,5 jour » (one) where English says "1.5 days" (other).
    expect(renderMessage(text, { count: 1.5 }, 'fr-FR', number)).toBe('1.5 jour restant');
    expect(renderMessage(text, { count: 1.5 }, 'en-GB', number)).toBe('1.5 jours restant');
    expect(renderMessage(text, { count: 3 }, 'fr-FR', number)).toBe('3 jours restant');
    expect(renderMessage('{n, plural, one {# {what}} other {# {what}s}}', { n: 2, what: 'lot' }, 'en-GB', number)).toBe(
      '2 lots',
    );
  });

  it('renders in the chosen language, numbers and money by its rules', () => {
    expect(t('tenancy.web.directory.count', { count: 13 })).toBe('13 structures trouvées');
    expect(formatNumber(1234.5)).toBe('1\u202f234,5');
    expect(formatMoney(123456)).toBe('1\u202f234,56\u00a0€');
    setLanguage('en');
    expect(t('tenancy.web.directory.count', { count: 1 })).toBe('1 structure found');
    expect(t('tenancy.web.directory.count', { count: 0 })).toBe('No structure found');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatMoney(123456)).toBe('€1,234.56');
  });
});
