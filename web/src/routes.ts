// Which route of the modules an address shows for a session, and what stands before it: the
// sign-in page for a signed-out visitor, the choice of an acting structure for a route that
// needs one. Kept apart from the shell so that the rule can be tested without a page.
import { MODULES } from './modules';
import type { RouteDef, WebModule } from './modules/module';
import { query } from './api';
import { match, type Location } from './router';
import type { Session } from './types';

export interface Found {
  route: RouteDef;
  params: Record<string, string>;
}

/**
 * The first route of the modules that matches the path (an `:id` must be digits) and that the
 * session allows. Signed out, a route with a condition still matches: signing in comes first.
 */
export function findRoute(
  path: string,
  session: Session | null,
  modules: readonly WebModule[] = MODULES,
): Found | null {
  for (const module of modules) {
    for (const route of module.routes) {
      const params = match(route.pattern, path);
      if (!params) continue;
      if (params.id !== undefined && !/^\d+$/.test(params.id)) continue;
      if (session && route.allowed && !route.allowed(session)) continue;
      return { route, params };
    }
  }
  return null;
}

/** Where a signed-out visitor goes: the sign-in page, then back here. */
function signInHref(location: Location): string {
  return '/connexion' + query({ suite: location.path === '/' ? undefined : location.href });
}

function chooseHref(location: Location): string {
  return '/choisir-structure' + query({ suite: location.path === '/' ? undefined : location.href });
}

/** What the address shows for this session: a redirect, the page not found, or a route. */
export function resolve(location: Location, session: Session | null): { redirect: string } | Found | null {
  const found = findRoute(location.path, session);
  if (!found) return session ? null : { redirect: signInHref(location) };
  if (found.route.needs === 'public') return found;
  if (!session) return { redirect: signInHref(location) };
  if (found.route.needs === 'acting' && session.acting_structure_id === null && session.hats.length > 0) {
    return { redirect: chooseHref(location) };
  }
  return found;
}

