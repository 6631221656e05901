import { describe, expect, it } from 'vitest';
import { can } from './actions';
import type { Member, MemberSharing, Session, StructureDetail } from './types';

const session = (actions: Session['actions'], roles: Session['acting_roles'] = []): Session => ({
  person: { id: 1, display_name: 'Awa', email: 'awa@example.org', platform_admin: false },
  hats: [],
  acting_structure_id: 1,
  acting_roles: roles,
  actions,
  csrf_token: 't',
  expires_at: '2030-01-01T00:00:00Z',
  language: 'fr',
});

describe('can', () => {
  it('allows exactly the actions the resource lists', () => {
    const director = session(['update_structure', 'read_staff', 'read_audit_log', 'change_sharing']);
    expect(can(director, 'read_audit_log')).toBe(true);
    expect(can(director, 'change_sharing')).toBe(true);
    expect(can(director, 'read_platform_sign_ins')).toBe(false);
    expect(can(director, 'set_referent')).toBe(false);
  });

  it('never reads roles: only the actions count', () => {
    // A director's roles with no action allowed allows nothing; a hat without roles but with
    // the action allows it.
    expect(can(session([], ['director']), 'read_audit_log')).toBe(false);
    expect(can(session(['read_audit_log'], []), 'read_audit_log')).toBe(true);
    const admin = { ...session([]), person: { ...session([]).person, platform_admin: true } };
    expect(can(admin, 'read_platform_sign_ins')).toBe(false);
  });

  it('allows nothing on a resource not loaded yet or without its actions', () => {
    expect(can(null, 'change_sharing')).toBe(false);
    expect(can(undefined, 'change_sharing')).toBe(false);
    const noActions: { actions?: string[] } = {};
    expect(can(noActions, 'change_sharing')).toBe(false);
    expect(can({ actions: [] as string[] }, 'change_sharing')).toBe(false);
    // An older server's answer, without the field, or a malformed one.
    expect(can({ actions: 'change_sharing' } as never, 'change_sharing')).toBe(false);
  });

  it('reads the actions of structures, collective members and member sharings', () => {
    const structure = { actions: ['read_staff'] } as Pick<StructureDetail, 'actions'>;
    expect(can(structure, 'read_staff')).toBe(true);
    expect(can(structure, 'update_structure')).toBe(false);
    const member = { actions: ['change_sharing', 'set_referent'] } as Pick<Member, 'actions'>;
    expect(can(member, 'set_referent')).toBe(true);
    const sharing = { actions: [] } as Pick<MemberSharing, 'actions'>;
    expect(can(sharing, 'change_sharing')).toBe(false);
  });

  it('matches codes exactly', () => {
    expect(can({ actions: ['read_staff'] }, 'read_staff ' as never)).toBe(false);
    expect(can({ actions: ['read_staff_all'] as string[] }, 'read_staff')).toBe(false);
  });
});
