// The tenancy module's routes: structures, collectives and sharing, the audit log, the account.
// Each page's code is loaded on first visit (its file's default export).
import { can } from '../../actions';
import type { WebModule } from '../module';

export const tenancy: WebModule = {
  name: 'tenancy',
  routes: [
    { pattern: '/connexion', needs: 'public', load: () => import('./SignIn'), titleId: 'tenancy.web.sign_in.title' },
    { pattern: '/', needs: 'acting', load: () => import('./MyStructure'), titleId: 'tenancy.web.nav.my_structure' },
    { pattern: '/choisir-structure', needs: 'person', load: () => import('./ChooseStructure') },
    { pattern: '/structures', needs: 'person', load: () => import('./Directory'), titleId: 'tenancy.web.nav.directory' },
    { pattern: '/structures/:id', needs: 'person', load: () => import('./Structure') },
    { pattern: '/collectifs/:id', needs: 'acting', load: () => import('./Collective') },
    { pattern: '/collectifs/:id/partage', needs: 'acting', load: () => import('./Sharing') },
    { pattern: '/journal', needs: 'acting', load: () => import('./Audit'), titleId: 'tenancy.web.nav.audit' },
    { pattern: '/mot-de-passe', needs: 'person', load: () => import('./Password'), titleId: 'tenancy.web.nav.password' },
    { pattern: '/sessions', needs: 'person', load: () => import('./Sessions'), titleId: 'tenancy.web.nav.sessions' },
    { pattern: '/mon-compte', needs: 'person', load: () => import('./MyAccount'), titleId: 'tenancy.web.nav.my_account' },
    {
      pattern: '/admin/connexions',
      needs: 'person',
      load: () => import('./SignIns'),
      allowed: (session) => can(session, 'read_platform_sign_ins'),
      titleId: 'tenancy.web.nav.sign_ins',
    },
  ],
  nav: [
    { href: '/', labelId: 'tenancy.web.nav.my_structure', current: (path) => path === '/' },
    {
      href: '/structures',
      labelId: 'tenancy.web.nav.directory',
      current: (path) => path.startsWith('/structures'),
    },
    {
      href: '/journal',
      labelId: 'tenancy.web.nav.audit',
      current: (path) => path === '/journal',
      allowed: (session) => can(session, 'read_audit_log'),
    },
    {
      href: '/admin/connexions',
      labelId: 'tenancy.web.nav.sign_ins',
      current: (path) => path === '/admin/connexions',
      allowed: (session) => can(session, 'read_platform_sign_ins'),
    },
    { href: '/mon-compte', labelId: 'tenancy.web.nav.my_account', current: (path) => path === '/mon-compte' },
    { href: '/mot-de-passe', labelId: 'tenancy.web.nav.password', current: (path) => path === '/mot-de-passe' },
    { href: '/sessions', labelId: 'tenancy.web.nav.sessions', current: (path) => path === '/sessions' },
  ],
};
