// Pages show or hide their controls from the `actions` the API returns with each resource
// (see actions.ts), never from roles: this test fails as soon as a page decides from roles
// again. Roles may still be displayed (rolesLabel(session.acting_roles)).
import { describe, expect, it } from 'vitest';

// The sources of the shell, the shared components and every page, as text.
const sources = import.meta.glob(['./app.tsx', './components.tsx', './modules/*/*.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const ROLE_CODES = [
  'director',
  'coordinator',
  'referent',
  'staff',
  'hr_finance',
  'mediator',
  'funder_viewer',
  'federation_admin',
];

/** Ways of deciding from roles, each with why it is refused. */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/acting_roles\s*\.\s*(includes|some|every|indexOf|find|findIndex|filter)\b/, 'acting_roles tested'],
  [/\broles\s*\.\s*(includes|some|every|indexOf|find|findIndex|filter)\s*\(/, 'roles tested'],
  [/\bacting_roles\s*\[/, 'acting_roles indexed'],
  // Never displayed, so any use (`platform_admin &&`, `if (…platform_admin)`) is a decision.
  [/\bplatform_admin\b/, 'platform_admin read by a page'],
  [/\bis(Director|Admin|PlatformAdmin|HrFinance|Coordinator)\b/, 'role flag'],
  [new RegExp(`(['"\`])(${ROLE_CODES.join('|')})\\1`), 'role code compared'],
];

/** The forbidden uses in one source, as "line: reason". */
function roleDecisions(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, index) => {
    for (const [pattern, reason] of FORBIDDEN) {
      if (pattern.test(line)) {
        found.push(`${index + 1}: ${reason}: ${line.trim()}`);
        break;
      }
    }
  });
  return found;
}

describe('pages never decide from roles', () => {
  it('finds the page sources', () => {
    const names = Object.keys(sources);
    expect(names).toContain('./app.tsx');
    for (const page of ['Audit', 'Collective', 'MyStructure', 'Sharing', 'Structure', 'SignIns']) {
      expect(names).toContain(`./modules/tenancy/${page}.tsx`);
    }
    for (const text of Object.values(sources)) expect(text.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(sources))('%s decides from actions only', (name) => {
    expect(roleDecisions(sources[name])).toEqual([]);
  });

  it('catches the ways of deciding from roles', () => {
    const decisions = [
      "const isDirector = session.acting_roles.includes('director');",
      "if (session.acting_roles.includes('director')) {",
      "{session.acting_roles.some((r) => r === 'hr_finance') && <a href='/x'>x</a>}",
      "const hat = session.hats.find((h) => h.roles.includes('director'));",
      "if (path === '/admin/connexions' && session.person.platform_admin) {",
      '{session.person.platform_admin && <SignIns />}',
      'if (session.person.platform_admin) {',
      "{!person.platform_admin ? 'Voir' : 'Régler'}",
      "{isDirector ? 'Régler' : 'Voir'}",
      "const lead = session.acting_roles[0] === 'director';",
      "role === 'director'",
    ];
    for (const line of decisions) expect(roleDecisions(line), line).not.toEqual([]);
  });

  it('lets roles be displayed and actions decide', () => {
    const fine = [
      '<p class="lead">Vos rôles ici : {rolesLabel(session.acting_roles)}.</p>',
      '<td>{rolesLabel(member.roles)}</td>',
      "{kindLabel(hat.structure_kind)} · vos rôles : {rolesLabel(hat.roles)}",
      "if (can(session, 'read_audit_log')) {",
      "{can(mine, 'change_sharing') ? 'Régler' : 'Voir'}",
      "const mayChange = can(mine, 'change_sharing');",
    ];
    for (const line of fine) expect(roleDecisions(line), line).toEqual([]);
  });
});
