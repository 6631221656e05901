// The words for the API's codes, from the catalogues (messages/tenancy): structure kinds, roles,
// sharing levels, record kinds, and the audit log's actions, records, fields, refused attempts
// and reasons. An unknown code is shown as it is rather than hidden.
import { hasMessage, t } from './i18n';
import type { AuditEntry, AuditValue, SharingLevel, StructureKind } from './types';

/** The kinds of structures, in the directory's filter order. */
export const STRUCTURE_KINDS: readonly StructureKind[] = [
  'social_centre',
  'managing_association',
  'federation',
  'partner',
  'funder',
];

/** In the order of the sharing scale, from the most closed to the most open. */
export const SHARING_LEVELS: readonly SharingLevel[] = ['private', 'aggregates', 'full', 'public'];

/** The actions of the audit log (src/storage/audit_repository.h, kAuditActions). */
export const AUDIT_ACTIONS: readonly AuditEntry['action'][] = [
  'sign_in',
  'sign_out',
  'sign_in_failed',
  'act_for',
  'read',
  'create',
  'update',
  'change_password',
  'change_password_failed',
  'end_session',
  'end_all_sessions',
  'export',
  'refused',
  'password_reset_requested',
  'password_reset',
  'password_reset_refused',
];

/** The actions about one's own account (kAccountActions). */
export const ACCOUNT_ACTIONS = [
  'sign_in',
  'sign_out',
  'sign_in_failed',
  'change_password',
  'change_password_failed',
  'end_session',
  'end_all_sessions',
  'password_reset_requested',
  'password_reset',
  'password_reset_refused',
];

/** The message `prefix + code`, or the code itself when the catalogue has no such message. */
export function codeLabel(prefix: string, code: string): string {
  const id = prefix + code;
  return hasMessage(id) ? t(id) : code;
}

export const kindLabel = (code: string) => codeLabel('tenancy.web.kind.', code);
export const roleLabel = (code: string) => codeLabel('tenancy.web.role.', code);
export const levelLabel = (code: string) => codeLabel('tenancy.web.level.', code);
export const levelDescription = (code: string) => codeLabel('tenancy.web.level_description.', code);
export const recordKindLabel = (code: string) => codeLabel('tenancy.web.record_kind.', code);
export const actionLabel = (code: string) => codeLabel('tenancy.audit.action.', code);
export const auditRecordLabel = (code: string) => codeLabel('tenancy.audit.record.', code);
const fieldLabel = (code: string) => codeLabel('tenancy.audit.field.', code);

export function rolesLabel(roles: readonly string[]): string {
  return roles.map(roleLabel).join(', ');
}

/** "77512345600011" as "775 123 456 00011" (SIREN in threes, then the NIC). */
export function formatSiret(siret: string | null): string {
  if (!siret) return t('tenancy.web.not_given');
  if (!/^\d{14}$/.test(siret)) return siret;
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}

/** A field's value in words: sharing levels by their label, people by number, empty as such. */
function auditValue(field: string, value: AuditValue | undefined): string {
  if (value === null || value === undefined) {
    return field === 'referent_person_id' ? t('tenancy.web.audit.nobody') : t('tenancy.web.audit.empty');
  }
  if (field === 'level' && typeof value === 'string') return levelLabel(value);
  if (field === 'referent_person_id') return t('tenancy.web.audit.person_number', { id: value });
  if (value === '') return t('tenancy.web.audit.empty');
  return t('tenancy.web.audit.quoted', { value });
}

/** How many records a read or an export concerned, by what they were. */
function countWords(action: string, recordKind: string, count: number, format: AuditValue | undefined): string {
  if (action === 'export') {
    const entries = t('tenancy.web.audit.count.entries', { count });
    return format === 'csv' ? t('tenancy.web.audit.csv_file', { entries }) : entries;
  }
  if (recordKind === 'staff') return t('tenancy.web.audit.count.people', { count });
  if (recordKind === 'personnel_file') return t('tenancy.web.audit.count.files', { count });
  if (recordKind === 'session') return t('tenancy.web.audit.count.sessions', { count });
  return t('tenancy.web.audit.count.items', { count });
}

/** The parts of an audit line its detail is worded from; an action the schema does not know yet is still worded. */
export type AuditLine = Pick<AuditEntry, 'record_kind' | 'params' | 'changes'> & { action: string };

/**
 * What an audit line says beyond who, what and which record, from its codes and parameters: the
 * before and after of each changed field, the address of a sign-in, the number of records read
 * or exported, the filters of a read of the log.
 */
export function auditDetail(entry: AuditLine): string {
  const parts: string[] = [];
  for (const change of entry.changes ?? []) {
    const field = fieldLabel(change.field);
    parts.push(
      change.redacted
        ? t('tenancy.web.audit.redacted', { field })
        : t('tenancy.web.audit.change', {
            field,
            old: auditValue(change.field, change.old),
            new: auditValue(change.field, change.new),
          }),
    );
  }
  const params = entry.params ?? {};
  if (typeof params.attempted === 'string') {
    const reason = typeof params.reason === 'string' ? params.reason : '';
    parts.push(
      t('tenancy.web.audit.attempt', {
        attempted: codeLabel('tenancy.audit.attempted.', params.attempted),
        reason: codeLabel('tenancy.audit.reason.', reason),
      }),
    );
  }
  if (typeof params.text === 'string') parts.push(params.text);
  if (typeof params.address === 'string') parts.push(t('tenancy.web.audit.from_address', { address: params.address }));
  if (typeof params.count === 'number') parts.push(countWords(entry.action, entry.record_kind, params.count, params.format));
  if (typeof params.action === 'string') parts.push(t('tenancy.web.audit.filter', { filter: actionLabel(params.action) }));
  if (typeof params.person_id === 'number') {
    parts.push(t('tenancy.web.audit.filter', { filter: t('tenancy.web.audit.person_number', { id: params.person_id }) }));
  }
  if (params.hide_own_reads) parts.push(t('tenancy.web.audit.without_own_reads'));
  return parts.join(t('tenancy.web.audit.separator'));
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
      const collective =
        collectiveNames.get(Number(match[1])) ?? t('tenancy.web.audit.collective_number', { id: match[1] });
      return t('tenancy.web.audit.sharing_rule', { label, kind: recordKindLabel(match[2]), collective });
    }
  }
  if (recordId === '') return label;
  if (ownerId !== null && STRUCTURE_RECORDS.has(recordKind) && recordId === String(ownerId)) {
    return label;
  }
  return /^\d+$/.test(recordId)
    ? t('tenancy.web.audit.record_number', { label, id: recordId })
    : `${label} ${recordId}`;
}

export function pageCount(total: number, pageSize: number): number {
  if (pageSize <= 0) return 1;
  return Math.max(1, Math.ceil(total / pageSize));
}
