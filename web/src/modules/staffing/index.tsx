// The staffing module's routes: the shared positions (and, for the carrier, a lent position's
// month of money, its salary and payroll), the carrier's settings, the statements of lending, a
// position's « Planning » as the acting structure may see it, what a collective's members share
// of their positions with it, and the shared employee's own
// pages: « Mes journées », her week of hours, and « Mon planning », her plan across all sites.
// The structure's pages are shown to whoever acts for one: what she may read is the API's to say
// (a party that is not the carrier gets no money section, a role that may not change the
// settings reads the refusal). Her own pages need only a signed-in person: a position is held
// with a role in each employer, so the links are shown to whoever has a hat somewhere, and the
// pages say when she holds no shared position.
import type { Session } from '../../types';
import type { WebModule } from '../module';

const acting = (session: Session) => session.acting_structure_id != null;
const hasHat = (session: Session) => session.hats.length > 0;

export const staffing: WebModule = {
  name: 'staffing',
  routes: [
    { pattern: '/postes', needs: 'acting', load: () => import('./Positions'), titleId: 'staffing.web.nav.positions' },
    { pattern: '/postes/reglages', needs: 'acting', load: () => import('./Settings'), titleId: 'staffing.web.nav.settings' },
    { pattern: '/releves', needs: 'acting', load: () => import('./Statements'), titleId: 'staffing.web.nav.statements' },
    { pattern: '/mes-journees', needs: 'person', load: () => import('./MyDays'), titleId: 'staffing.web.nav.days' },
    { pattern: '/mon-planning', needs: 'person', load: () => import('./MyPlanning'), titleId: 'staffing.web.nav.plan' },
    { pattern: '/postes/:id/planning', needs: 'acting', load: () => import('./PositionPlanning'), titleId: 'staffing.web.plan.title' },
    {
      pattern: '/collectifs/:id/postes',
      needs: 'acting',
      load: () => import('./CollectivePositions'),
      titleId: 'staffing.web.collective.heading',
    },
  ],
  nav: [
    {
      href: '/postes',
      labelId: 'staffing.web.nav.positions',
      current: (path) => path === '/postes' || path.startsWith('/postes/'),
      allowed: acting,
    },
    {
      href: '/releves',
      labelId: 'staffing.web.nav.statements',
      current: (path) => path === '/releves',
      allowed: acting,
    },
    {
      href: '/mes-journees',
      labelId: 'staffing.web.nav.days',
      current: (path) => path === '/mes-journees',
      allowed: hasHat,
    },
    {
      href: '/mon-planning',
      labelId: 'staffing.web.nav.plan',
      current: (path) => path === '/mon-planning',
      allowed: hasHat,
    },
  ],
};
