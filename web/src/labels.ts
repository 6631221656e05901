// French labels for the API's codes, and small formatting helpers.
import type { AuditEntry, AuditValue, RecordKind, Role, SharingLevel, StructureKind } from './types';

export const STRUCTURE_KINDS: Record<StructureKind, string> = {
  social_centre: 'Centre social',
  managing_association: 'Association gestionnaire',
  federation: 'Fédération',
  partner: 'Partenaire',
  funder: 'Financeur',
};

export const ROLES: Record<Role, string> = {
  director: 'Direction',
  coordinator: 'Coordination',
  referent: 'Référent ou référente',
  staff: 'Équipe salariée',
  hr_finance: 'RH et finances',
  mediator: 'Médiation numérique',
  funder_viewer: 'Financeur (lecture seule)',
  federation_admin: 'Administration de la fédération',
};

/** In the order of the sharing scale, from the most closed to the most open. */
export const SHARING_LEVELS: SharingLevel[] = ['private', 'aggregates', 'full', 'public'];

export const LEVEL_LABELS: Record<SharingLevel, string> = {
  private: 'Privé',
  aggregates: 'Agrégats seulement',
  full: 'Complet, au collectif',
  public: 'Public',
};

export const LEVEL_DESCRIPTIONS: Record<SharingLevel, string> = {
  private: 'rien ne sort de la structure.',
  aggregates:
    'le collectif voit des totaux et des moyennes, jamais une personne ; les petits effectifs sont masqués.',
  full: 'les membres du collectif voient le détail des données.',
  public: 'tout le monde sur la plateforme, au-delà du collectif, voit ces données.',
};

export const RECORD_KINDS: Record<RecordKind, string> = {
  partners: 'Partenaires',
  services: 'Offre de services',
  survey_answers: 'Réponses aux questionnaires',
  activity: 'Activité (médiation, aller-vers)',
  budget: 'Budget',
  staffing: 'Postes et temps de travail',
  meetings: 'Réunions et pratiques',
};

/**
 * The catalogue of audit codes (src/storage/audit_repository.h, kAuditActions): the server stores
 * codes and parameters, the pages word them here. The i18n issue adds the English catalogue.
 */
export const AUDIT_ACTIONS: Record<string, string> = {
  sign_in: 'Connexion',
  sign_out: 'Déconnexion',
  sign_in_failed: 'Échec de connexion',
  act_for: 'Choix de la structure',
  read: 'Lecture',
  create: 'Création',
  update: 'Modification',
  change_password: 'Changement de mot de passe',
  change_password_failed: 'Échec de changement de mot de passe',
  end_session: 'Fin d’une session',
  end_all_sessions: 'Fin de toutes les sessions',
  export: 'Export',
  refused: 'Accès refusé',
};

/** The actions about one's own account (kAccountActions). */
export const ACCOUNT_ACTIONS = [
  'sign_in',
  'sign_out',
  'sign_in_failed',
  'change_password',
  'change_password_failed',
  'end_session',
  'end_all_sessions',
];

/** The fields whose changes audit lines carry, by code. */
export const AUDIT_FIELDS: Record<string, string> = {
  name: 'Nom',
  siret: 'SIRET',
  address: 'Adresse',
  commune_insee: 'Commune (code INSEE)',
  territory: 'Territoire',
  employee_name: 'Nom de la personne salariée',
  job_title: 'Poste',
  contract: 'Contrat',
  notes: 'Notes',
  level: 'Niveau de partage',
  referent_person_id: 'Référent ou référente',
};

export const AUDIT_RECORDS: Record<string, string> = {
  session: 'Session',
  person: 'Personne',
  structure: 'Fiche de la structure',
  staff: 'Équipe',
  audit_log: "Journal d'audit",
  personnel_file: 'Dossier du personnel',
  sharing_rule: 'Règle de partage',
  calendar_feed: 'Abonnement au calendrier',
  referent: 'Référent ou référente',
  sign_ins: 'Connexions de la plateforme',
  collective: 'Collectif',
  collective_member: 'Membre du collectif',
  shared_records: 'Données partagées',
  platform: 'Plateforme',
};

/** What a refused attempt tried to do (its `attempted` parameter). */
export const REFUSED_ACTIONS: Record<string, string> = {
  read_structure: 'consulter la fiche',
  create_structure: 'créer une structure',
  update_structure: 'modifier la fiche',
  read_staff: "voir l'équipe",
  read_audit_log: "lire le journal d'audit",
  read_platform_sign_ins: 'voir les connexions de la plateforme',
  list_personnel_files: 'lister les dossiers du personnel',
  create_personnel_file: 'créer un dossier du personnel',
  read_personnel_file: 'lire un dossier du personnel',
  update_personnel_file: 'modifier un dossier du personnel',
  list_collectives: 'lister les collectifs',
  read_collective: 'consulter le collectif',
  read_sharing: 'consulter le partage',
  change_sharing: 'changer le partage',
  set_referent: 'nommer le référent',
  read_shared_records: 'lire des données partagées',
  manage_calendar_feed: "gérer l'abonnement au calendrier",
};

/** Why an attempt was refused (its `reason` parameter). */
export const REFUSAL_REASONS: Record<string, string> = {
  no_acting_structure: 'aucune structure choisie',
  platform_admin_only: "réservé à l'administration de la plateforme",
  no_such_record: 'donnée inexistante',
  other_structure: "donnée d'une autre structure",
  not_a_member: 'structure non membre du collectif',
  role_insufficient: 'rôle insuffisant',
  not_shared: 'non partagée à ce niveau',
};

function lookup<K extends string>(table: Record<K, string>, code: string): string {
  return (table as Record<string, string>)[code] ?? code;
}

export const kindLabel = (code: string) => lookup(STRUCTURE_KINDS, code);
export const roleLabel = (code: string) => lookup(ROLES, code);
export const levelLabel = (code: string) => lookup(LEVEL_LABELS, code);
export const recordKindLabel = (code: string) => lookup(RECORD_KINDS, code);
export const actionLabel = (code: string) => lookup(AUDIT_ACTIONS, code);
export const auditRecordLabel = (code: string) => lookup(AUDIT_RECORDS, code);

export function rolesLabel(roles: readonly string[]): string {
  return roles.map(roleLabel).join(', ');
}

/** "77512345600011" as "775 123 456 00011" (SIREN in threes, then the NIC). */
export function formatSiret(siret: string | null): string {
  if (!siret) return 'non renseigné';
  if (!/^\d{14}$/.test(siret)) return siret;
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

/** A field's value in words: sharing levels by their label, people by number, empty as such. */
function auditValue(field: string, value: AuditValue | undefined): string {
  if (value === null || value === undefined) return field === 'referent_person_id' ? 'aucun' : 'vide';
  if (field === 'level' && typeof value === 'string') return levelLabel(value);
  if (field === 'referent_person_id') return `personne n° ${value}`;
  if (value === '') return 'vide';
  return `« ${value} »`;
}

const COUNTED: Record<string, [string, string]> = {
  staff: ['personne', 'personnes'],
  personnel_file: ['dossier', 'dossiers'],
  session: ['session', 'sessions'],
};

/**
 * What an audit line says beyond who, what and which record, in French, from its codes and
 * parameters: the before and after of each changed field, the address of a sign-in, the number
 * of records read or exported, the filters of a read of the log.
 */
/** The parts of an audit line its detail is worded from; an action the schema does not know yet is still worded. */
export type AuditLine = Pick<AuditEntry, 'record_kind' | 'params' | 'changes'> & { action: string };

export function auditDetail(entry: AuditLine): string {
  const parts: string[] = [];
  for (const change of entry.changes ?? []) {
    const label = lookup(AUDIT_FIELDS, change.field);
    parts.push(
      change.redacted
        ? `${label} modifiées (contenu confidentiel, non journalisé)`
        : `${label} : ${auditValue(change.field, change.old)} → ${auditValue(change.field, change.new)}`,
    );
  }
  const params = entry.params ?? {};
  if (typeof params.attempted === 'string') {
    const reason = typeof params.reason === 'string' ? params.reason : '';
    parts.push(`tentative de ${lookup(REFUSED_ACTIONS, params.attempted)} : ${lookup(REFUSAL_REASONS, reason)}`);
  }
  if (typeof params.text === 'string') parts.push(params.text);
  if (typeof params.address === 'string') parts.push(`depuis l'adresse ${params.address}`);
  if (typeof params.count === 'number') {
    const [one, many] = entry.action === 'export' ? ['entrée', 'entrées'] : COUNTED[entry.record_kind] ?? ['élément', 'éléments'];
    parts.push(
      entry.action === 'export'
        ? `${params.format === 'csv' ? 'fichier CSV, ' : ''}${countLabel(params.count, one, many, 'aucune entrée')}`
        : countLabel(params.count, one, many, `aucun ${one}`),
    );
  }
  if (typeof params.action === 'string') parts.push(`filtre : ${actionLabel(params.action)}`);
  if (typeof params.person_id === 'number') parts.push(`filtre : personne n° ${params.person_id}`);
  if (params.hide_own_reads) parts.push('sans ses propres lectures');
  return parts.join(' ; ');
}

/** Audit records whose id is the structure itself: its card, its staff list, its log. */
const STRUCTURE_RECORDS = new Set(['structure', 'staff', 'audit_log']);

/**
 * The record an audit entry is about, in words: "Règle de partage : Budget, Bien Vieillir"
 * for a sharing rule (its id is "collective id/record kind"), "Équipe" for the staff of the
 * structure whose log this is, "Dossier du personnel n° 3" otherwise.
 */
export function auditRecord(
  recordKind: string,
  recordId: string,
  collectiveNames: ReadonlyMap<number, string>,
  ownerId: number | null = null,
): string {
  const label = auditRecordLabel(recordKind);
  if (recordKind === 'sharing_rule') {
    const match = /^(\d+)\/(\w+)$/.exec(recordId);
    if (match) {
      const name = collectiveNames.get(Number(match[1])) ?? `collectif n° ${match[1]}`;
      return `${label} : ${recordKindLabel(match[2])}, ${name}`;
    }
  }
  if (recordId === '') return label;
  if (ownerId !== null && STRUCTURE_RECORDS.has(recordKind) && recordId === String(ownerId)) {
    return label;
  }
  return /^\d+$/.test(recordId) ? `${label} n° ${recordId}` : `${label} ${recordId}`;
}

export function pageCount(total: number, pageSize: number): number {
  if (pageSize <= 0) return 1;
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "1 structure", "13 structures", "aucune structure". */
export function countLabel(count: number, singular: string, plural: string, none: string): string {
  if (count === 0) return none;
  return `${count.toLocaleString('fr-FR')} ${count === 1 ? singular : plural}`;
}
