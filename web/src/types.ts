// The JSON shapes of the API, by name, from the types generated out of docs/openapi.json
// (src/generated/openapi.ts, made by `npm run gen:api` before every build and test run and
// never committed): the file, the server and the pages cannot drift apart.
import type { components } from './generated/openapi';

type Schemas = components['schemas'];

export type StructureKind = Schemas['StructureKind'];
export type Role = Schemas['Role'];
export type SharingLevel = Schemas['SharingLevel'];
export type RecordKind = Schemas['RecordKind'];
export type NamedRef = Schemas['NamedRef'];
export type Hat = Schemas['Hat'];
export type Session = Schemas['Session'];
export type Structure = Schemas['Structure'];
export type StructureDetail = Schemas['StructureDetail'];
export type StaffMember = Schemas['StaffMember'];
export type CollectiveSummary = Schemas['CollectiveSummary'];
export type Member = Schemas['Member'];
export type CollectiveDetail = Schemas['Collective'];
export type MemberSharing = Schemas['MemberSharing'];
export type SharingView = Schemas['Sharing'];
export type AuditValue = Schemas['AuditValue'];
export type AuditChange = Schemas['AuditChange'];
export type AuditEntry = Schemas['AuditEntry'];
export type SessionSummary = Schemas['SessionSummary'];
export type About = Schemas['About'];
export type PasswordResetRequest = Schemas['PasswordResetRequest'];
export type PasswordResetConfirmation = Schemas['PasswordResetConfirmation'];
export type Position = Schemas['Position'];
export type Agreement = Schemas['Agreement'];
export type CostView = Schemas['CostView'];
export type Allocation = Schemas['Allocation'];
export type AllocationPart = Schemas['AllocationPart'];
export type Statement = Schemas['Statement'];

/**
 * What the acting person may do, as the API says it (codes of the authorisation module).
 * Pages show or hide their controls from these, never from roles: see actions.ts (can).
 */
export type SessionAction = Session['actions'][number];
export type StructureAction = StructureDetail['actions'][number];
export type MemberAction = Member['actions'][number];

/** A list answer ({"items": […]}) of the given items. */
export interface Items<T> {
  items: T[];
}

/** One page of a list (the schema `Page`, whose items each route names). */
export type Page<T> = Omit<Schemas['Page'], 'items'> & { items: T[] };
