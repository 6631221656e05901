// The staffing module's routes: the shared positions (and, for the carrier, a lent position's
// month of money) and the statements of lending. Shown to whoever acts for a structure: what she
// may read is the API's to say (a party that is not the carrier gets no money section).
import type { Session } from '../../types';
import type { WebModule } from '../module';

const acting = (session: Session) => session.acting_structure_id != null;

export const staffing: WebModule = {
  name: 'staffing',
  routes: [
    { pattern: '/postes', needs: 'acting', load: () => import('./Positions'), titleId: 'staffing.web.nav.positions' },
    { pattern: '/releves', needs: 'acting', load: () => import('./Statements'), titleId: 'staffing.web.nav.statements' },
  ],
  nav: [
    {
      href: '/postes',
      labelId: 'staffing.web.nav.positions',
      current: (path) => path === '/postes',
      allowed: acting,
    },
    {
      href: '/releves',
      labelId: 'staffing.web.nav.statements',
      current: (path) => path === '/releves',
      allowed: acting,
    },
  ],
};
