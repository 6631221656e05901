// What an address shows for a session: the route tables decide, and the shell only applies what
// a route needs (nobody, a signed-in person, an acting structure).
import { describe, expect, it } from 'vitest';
import { findRoute, resolve } from './routes';
import type { Session } from './types';

const location = (href: string) => {
  const url = new URL(href, 'http://localhost');
  return { path: url.pathname, search: url.searchParams, href: url.pathname + url.search };
};

const session = (changes: Partial<Session> = {}): Session => ({
  person: { id: 1, display_name: 'Sophie Lambert', email: 's@example.org', platform_admin: false },
  hats: [
    { structure_id: 1, structure_name: 'Alma', structure_kind: 'social_centre', roles: ['hr_finance'] },
    { structure_id: 2, structure_name: 'Iciela', structure_kind: 'managing_association', roles: ['hr_finance'] },
  ],
  acting_structure_id: 1,
  acting_roles: ['hr_finance'],
  actions: [],
  csrf_token: 'token',
  expires_at: '2026-12-02T20:00:00Z',
  language: 'fr',
  ...changes,
});

describe('the routes of the modules', () => {
  it('shows a public page to anybody and sends a visitor to sign in for the others', () => {
    expect(findRoute('/connexion', null)?.route.needs).toBe('public');
    expect(resolve(location('/structures?q=alma'), null)).toEqual({
      redirect: '/connexion?suite=%2Fstructures%3Fq%3Dalma',
    });
    expect(resolve(location('/'), null)).toEqual({ redirect: '/connexion' });
    expect(resolve(location('/nulle-part'), null)).toEqual({ redirect: '/connexion?suite=%2Fnulle-part' });
  });

  it('shows the pages about the service and the password reset signed out and signed in alike', () => {
    const undecided = session({ acting_structure_id: null });
    const paths = ['/accessibilite', '/mentions-legales', '/confidentialite', '/aide'];
    for (const path of [...paths, '/mot-de-passe-oublie', '/mot-de-passe-oublie/nouveau']) {
      for (const who of [null, session(), undecided]) {
        const found = resolve(location(path), who);
        expect(found && 'route' in found && found.route.pattern, path).toBe(path);
      }
    }
  });

  it('asks for an acting structure only where the route needs one', () => {
    const undecided = session({ acting_structure_id: null });
    expect(resolve(location('/journal'), undecided)).toEqual({ redirect: '/choisir-structure?suite=%2Fjournal' });
    const directory = resolve(location('/structures'), undecided);
    expect(directory && 'route' in directory && directory.route.pattern).toBe('/structures');
    // Somebody with no structure at all has nothing to choose: the page itself says so.
    const none = resolve(location('/'), session({ acting_structure_id: null, hats: [] }));
    expect(none && 'route' in none && none.route.pattern).toBe('/');
  });

  it('matches numbers only for an id, and hides what the session does not allow', () => {
    const found = findRoute('/collectifs/12/partage', session());
    expect(found?.params).toEqual({ id: '12' });
    expect(findRoute('/collectifs/douze', session())).toBeNull();
    expect(resolve(location('/admin/connexions'), session())).toBeNull();
    const admin = session({ actions: ['read_platform_sign_ins'] });
    expect(findRoute('/admin/connexions', admin)?.route.pattern).toBe('/admin/connexions');
  });
});
