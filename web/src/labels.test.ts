import { afterEach, describe, expect, it } from 'vitest';
import { capitalise, query } from './api';
import { setLanguage } from './i18n';
import { safeNextPath } from './next';
import {
  auditDetail,
  auditRecord,
  formatSiret,
  levelLabel,
  pageCount,
  recordKindLabel,
  SHARING_LEVELS,
} from './labels';

describe('labels', () => {
  afterEach(() => setLanguage('fr'));

  it('names every sharing level by what crosses, from closed to open', () => {
    expect(SHARING_LEVELS.map(levelLabel)).toEqual([
      'Rien, tout reste privé',
      'Totaux et moyennes seulement',
      'Le détail, au collectif',
      'Tout, à toute la plateforme',
    ]);
    setLanguage('en');
    expect(SHARING_LEVELS.map(levelLabel)).toEqual([
      'Nothing, all stays private',
      'Totals and averages only',
      'The detail, to the collective',
      'Everything, to the whole platform',
    ]);
  });

  it('keeps an unknown code as it is', () => {
    expect(recordKindLabel('budget')).toBe('Budget');
    expect(recordKindLabel('something_new')).toBe('something_new');
  });

  it('groups a SIRET as SIREN then NIC', () => {
    expect(formatSiret('77512345600011')).toBe('775 123 456 00011');
    expect(formatSiret(null)).toBe('non renseigné');
    expect(formatSiret('123')).toBe('123');
  });

  it('words the audit of a sharing change', () => {
    const names = new Map([[1, 'Bien Vieillir']]);
    expect(auditRecord('sharing_rule', '1/budget', names)).toBe(
      'Règle de partage : Budget, Bien Vieillir',
    );
    expect(auditRecord('sharing_rule', '9/budget', names)).toBe(
      'Règle de partage : Budget, collectif n° 9',
    );
    expect(auditRecord('staff', '3', names)).toBe('Équipe n° 3');
    expect(auditRecord('staff', '3', names, 3)).toBe('Équipe');
    expect(auditRecord('personnel_file', '3', names, 3)).toBe('Dossier du personnel n° 3');
    expect(auditRecord('session', '', names)).toBe('Session');
  });

  it('words audit lines from their codes and parameters', () => {
    const line = (action: string, record_kind: string, params = {}, changes = []) => ({
      action,
      record_kind,
      params,
      changes,
    });
    expect(
      auditDetail(
        line('update', 'sharing_rule', { collective_id: 1, record_kind: 'budget' }, [
          { field: 'level', old: 'private', new: 'aggregates' },
        ] as never),
      ),
    ).toBe('Niveau de partage : Rien, tout reste privé → Totaux et moyennes seulement');
    expect(
      auditDetail(
        line('update', 'personnel_file', {}, [
          { field: 'job_title', old: 'Animatrice', new: 'Coordinatrice' },
          { field: 'notes', redacted: true },
        ] as never),
      ),
    ).toBe(
      'Poste : « Animatrice » → « Coordinatrice » ; Notes modifiées (contenu confidentiel, non journalisé)',
    );
    expect(
      auditDetail(line('update', 'structure', {}, [{ field: 'siret', old: '77512345600011', new: null }] as never)),
    ).toBe('SIRET : « 77512345600011 » → vide');
    expect(
      auditDetail(line('update', 'referent', { collective_id: 1 }, [
        { field: 'referent_person_id', old: null, new: 7 },
      ] as never)),
    ).toBe('Référent ou référente : aucun → personne n° 7');
    expect(auditDetail(line('read', 'staff', { count: 4 }))).toBe('4 personnes');
    expect(
      auditDetail(line('refused', 'structure', { attempted: 'read_staff', reason: 'other_structure' })),
    ).toBe("tentative de voir l'équipe : donnée d'une autre structure");
    expect(auditDetail(line('read', 'personnel_file', { count: 1 }))).toBe('1 dossier');
    expect(auditDetail(line('sign_in', 'session', { address: '192.0.2.7' }))).toBe(
      "depuis l'adresse 192.0.2.7",
    );
    expect(auditDetail(line('export', 'audit_log', { format: 'csv', count: 12, action: 'read' }))).toBe(
      'fichier CSV, 12 entrées ; filtre : Lecture',
    );
    expect(auditDetail(line('read', 'audit_log', { hide_own_reads: 1 }))).toBe(
      'sans ses propres lectures',
    );
    expect(auditDetail(line('read', 'staff', { count: 0 }))).toBe('aucune personne');
    expect(auditDetail(line('read', 'staff', { count: 1234 }))).toBe('1\u202f234 personnes');
    // Prose written before the codes, kept as it was.
    expect(auditDetail(line('read', 'staff', { text: '4 personnes' }))).toBe('4 personnes');

    setLanguage('en');
    expect(auditDetail(line('read', 'staff', { count: 1 }))).toBe('1 person');
    expect(auditDetail(line('read', 'staff', { count: 1234 }))).toBe('1,234 people');
    expect(
      auditDetail(line('refused', 'structure', { attempted: 'read_staff', reason: 'other_structure' })),
    ).toBe("attempt to see the staff: another structure's record");
    expect(auditDetail(line('export', 'audit_log', { format: 'csv', count: 12, action: 'read' }))).toBe(
      'CSV file, 12 entries; filter: Read',
    );
  });

  it('pages', () => {
    expect(pageCount(13, 10)).toBe(2);
    expect(pageCount(0, 10)).toBe(1);
  });
});

describe('api helpers', () => {
  it('builds a query string from the non-empty values', () => {
    expect(query({ q: 'alma', kind: '', page: 2, x: undefined })).toBe('?q=alma&page=2');
    expect(query({})).toBe('');
  });

  it('capitalises API messages', () => {
    expect(capitalise('écrit en minuscules')).toBe('Écrit en minuscules');
  });
});

describe('where to go after signing in', () => {
  it('stays inside the application', () => {
    expect(safeNextPath('/journal?action=read')).toBe('/journal?action=read');
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('/api/v1/session')).toBe('/');
    expect(safeNextPath('/connexion')).toBe('/');
  });
});
