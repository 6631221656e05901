// The staffing module's routes: the shared positions (and, for the carrier, a lent position's
// month of money, its salary and payroll), the carrier's settings, the statements of lending, and
// « Mes journées », the shared employee's own week. The first three are shown to whoever acts for
// a structure: what she may read is the API's to say (a party that is not the carrier gets no
// money section, a role that may not change the settings reads the refusal). « Mes journées »
// needs only a signed-in person: a position is held with a role in each employer, so the link is
// shown to whoever has a hat somewhere, and the page says when she holds no shared position.
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
  ],
};
