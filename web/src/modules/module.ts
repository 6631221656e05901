// What a module of the web app gives the shell: its pages, each at a path pattern, and its links
// in the main navigation. The shell (app.tsx) knows no page of its own; it asks each module of
// modules/index.ts in turn. A page or a link shows only if the session's `actions` allow it:
// modules never decide from roles.
import type { ComponentChildren } from 'preact';
import type { Location } from '../router';
import type { Session } from '../types';

export interface PageContext {
  location: Location;
  session: Session;
  params: Record<string, string>;
  /** Acts for another structure (the switcher, the choice page). */
  choose: (structureId: number) => Promise<void>;
  /** Every session of the person ended: back to signing in. */
  onAllSessionsEnded: () => void;
}

export interface ModulePage {
  /** A path of the router ('/structures/:id'); `:id` parts must be numbers when named `id`. */
  pattern: string;
  render: (context: PageContext) => ComponentChildren;
  /** Shown only when this holds (an action of the session); otherwise the page is not found. */
  allowed?: (session: Session) => boolean;
}

export interface NavLink {
  href: string;
  label: string;
  /** The paths for which the link is the current one. */
  current: (path: string) => boolean;
  allowed?: (session: Session) => boolean;
}

export interface WebModule {
  name: string;
  pages: ModulePage[];
  nav: NavLink[];
}
