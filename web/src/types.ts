// The JSON shapes of the API (src/http/api/json_views.cc).

export type StructureKind =
  | 'social_centre'
  | 'managing_association'
  | 'federation'
  | 'partner'
  | 'funder';

export type Role =
  | 'director'
  | 'coordinator'
  | 'referent'
  | 'staff'
  | 'hr_finance'
  | 'mediator'
  | 'funder_viewer'
  | 'federation_admin';

/**
 * What the acting person may do, as the API says it (codes of the authorisation module,
 * src/domain/tenancy/policy.cc). Pages show or hide their controls from these, never from
 * roles: see actions.ts (can).
 */
export type StructureAction =
  | 'update_structure'
  | 'read_staff'
  | 'read_audit_log'
  | 'list_personnel_files'
  | 'create_personnel_file'
  | 'manage_calendar_feed';

/** On a member of a collective (its sharing and its referent). */
export type MemberAction = 'change_sharing' | 'set_referent';

/**
 * What the current hat may do on its acting structure, as a member of its collectives, and on
 * the platform.
 */
export type SessionAction =
  | 'create_structure'
  | 'read_platform_sign_ins'
  | StructureAction
  | MemberAction;

export type SharingLevel = 'private' | 'aggregates' | 'full' | 'public';

export type RecordKind =
  | 'partners'
  | 'services'
  | 'survey_answers'
  | 'activity'
  | 'budget'
  | 'staffing'
  | 'meetings';

export interface Hat {
  structure_id: number;
  structure_name: string;
  structure_kind: StructureKind;
  roles: Role[];
}

export interface Session {
  person: { id: number; display_name: string; email: string; platform_admin: boolean };
  hats: Hat[];
  acting_structure_id: number | null;
  /** Roles are for display only; decisions come from `actions`. */
  acting_roles: Role[];
  actions: SessionAction[];
  csrf_token: string;
  expires_at: string;
  /** The person's chosen language (absent from servers before the language endpoint). */
  language?: string;
}

export interface NamedRef {
  id: number;
  name: string;
}

export interface Structure {
  id: number;
  kind: StructureKind;
  name: string;
  siret: string | null;
  address: string;
  commune_insee: string;
  territory: string;
  managed_by: NamedRef | null;
}

export interface StructureDetail extends Structure {
  manages: NamedRef[];
  collectives: NamedRef[];
  actions: StructureAction[];
}

export interface StaffMember {
  person_id: number;
  display_name: string;
  email: string;
  roles: Role[];
}

export interface Items<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}

export interface CollectiveSummary {
  id: number;
  name: string;
  purpose: string;
  coordinating_structure: NamedRef;
  member_count: number;
}

export interface Member {
  structure_id: number;
  structure_name: string;
  structure_kind: StructureKind;
  referent: { person_id: number; display_name: string } | null;
  actions: MemberAction[];
}

export interface CollectiveDetail {
  id: number;
  name: string;
  purpose: string;
  coordinating_structure: NamedRef;
  members: Member[];
}

export interface MemberSharing {
  structure_id: number;
  structure_name: string;
  levels: Partial<Record<RecordKind, SharingLevel>>;
  actions: MemberAction[];
}

export interface SharingView {
  record_kinds: RecordKind[];
  members: MemberSharing[];
}

/** A parameter or field value of an audit line. */
export type AuditValue = string | number | null;

/** One field a change touched; a redacted one (confidential notes) keeps neither text. */
export interface AuditChange {
  field: string;
  old?: AuditValue;
  new?: AuditValue;
  redacted?: true;
}

export interface AuditEntry {
  id: number;
  at: string;
  person_id: number | null;
  person_name: string;
  acting_structure_id: number | null;
  acting_structure_name: string;
  owner_structure_id: number | null;
  action: string;
  record_kind: string;
  record_id: string;
  /** Codes and values, never prose: worded by labels.ts (auditDetail). */
  params: Record<string, AuditValue>;
  changes: AuditChange[];
  /** The line's place in its structure's hash chain; null until sealed. */
  sequence: number | null;
}

export interface SessionSummary {
  id: string;
  created_at: string;
  last_seen_at: string;
  address: string;
  user_agent: string;
  current: boolean;
}
