// What a module of the web app gives the shell: its route table, its links in the main
// navigation and in the footer. The shell (app.tsx) knows no page of its own: it finds the route
// of the address in the modules of modules/index.ts, checks what the route needs (nobody signed
// in, a person, an acting structure), then loads the page's code on first use. A page or a link shows only
// if the session's `actions` allow it: modules never decide from roles.
import type { ComponentChildren } from 'preact';
import type { MessageId } from '../i18n';
import type { Location } from '../router';
import type { Session } from '../types';

export interface PageContext {
  location: Location;
  session: Session;
  /** The pattern's parameters; an `:id` is always digits. */
  params: Record<string, string>;
  /** Acts for another structure (the switcher, the choice page). */
  choose: (structureId: number) => Promise<void>;
  /** Every session of the person ended: back to signing in. */
  onAllSessionsEnded: () => void;
  /** The shell's word for the page, such as why the person is signed out ('' when none). */
  notice: string;
  /** A session was opened on the page (signing in): the shell takes it and moves on. */
  onSignedIn: (session: Session) => void;
}

/** On a 'public' route the page may be shown to nobody signed in. */
export type PublicPageContext = Omit<PageContext, 'session'> & { session: Session | null };

export type Page<Context> = (context: Context) => ComponentChildren;
type Lazy<Context> = () => Promise<{ default: Page<Context> }>;

interface RouteBase {
  /** A path of the router ('/structures/:id'); a part named `:id` must be a number. */
  pattern: string;
  /** Shown only when this holds (an action of the session); otherwise the page is not found. */
  allowed?: (session: Session) => boolean;
  /** The document's title while the page's code loads (the page's heading sets it after). */
  titleId?: MessageId;
}

/**
 * 'public': shown signed in or not (sign-in, legal pages); 'person': needs a signed-in person,
 * whichever structure she acts for, or none; 'acting': needs an acting structure when the person
 * has one to choose (the shell sends her to the choice page first).
 */
export type RouteDef =
  | (RouteBase & { needs: 'public'; load: Lazy<PublicPageContext> })
  | (RouteBase & { needs: 'person' | 'acting'; load: Lazy<PageContext> });

export interface NavLink {
  href: string;
  labelId: MessageId;
  /** The paths for which the link is the current one. */
  current: (path: string) => boolean;
  allowed?: (session: Session) => boolean;
}

/** A link of the footer, shown on every page, signed in or not (the legal pages). */
export interface FooterLink {
  href: string;
  labelId: MessageId;
}

export interface WebModule {
  name: string;
  routes: RouteDef[];
  nav: NavLink[];
  footer?: FooterLink[];
}
