// The tenancy module's pages: structures, collectives and sharing, the audit log, the account.
import { can } from '../../actions';
import type { WebModule } from '../module';
import { AuditPage } from './Audit';
import { ChooseStructurePage } from './ChooseStructure';
import { CollectivePage } from './Collective';
import { DirectoryPage } from './Directory';
import { MyAccountPage } from './MyAccount';
import { MyStructurePage } from './MyStructure';
import { PasswordPage } from './Password';
import { SessionsPage } from './Sessions';
import { SharingPage } from './Sharing';
import { SignInsPage } from './SignIns';
import { StructurePage } from './Structure';

export const tenancy: WebModule = {
  name: 'tenancy',
  pages: [
    { pattern: '/', render: ({ session }) => <MyStructurePage session={session} /> },
    {
      pattern: '/choisir-structure',
      render: ({ session, choose }) => <ChooseStructurePage session={session} onChoose={choose} />,
    },
    { pattern: '/structures', render: ({ location }) => <DirectoryPage location={location} /> },
    {
      pattern: '/structures/:id',
      render: ({ params, session }) => <StructurePage id={Number(params.id)} session={session} />,
    },
    {
      pattern: '/collectifs/:id',
      render: ({ params, session }) => <CollectivePage id={Number(params.id)} session={session} />,
    },
    {
      pattern: '/collectifs/:id/partage',
      render: ({ params, session }) => <SharingPage id={Number(params.id)} session={session} />,
    },
    {
      pattern: '/journal',
      render: ({ session, location }) => <AuditPage session={session} location={location} />,
    },
    { pattern: '/mot-de-passe', render: () => <PasswordPage /> },
    {
      pattern: '/sessions',
      render: ({ onAllSessionsEnded }) => <SessionsPage onAllEnded={onAllSessionsEnded} />,
    },
    {
      pattern: '/mon-compte',
      render: ({ session, location }) => <MyAccountPage session={session} location={location} />,
    },
    {
      pattern: '/admin/connexions',
      render: ({ location }) => <SignInsPage location={location} />,
      allowed: (session) => can(session, 'read_platform_sign_ins'),
    },
  ],
  nav: [
    { href: '/', label: 'Ma structure', current: (path) => path === '/' },
    {
      href: '/structures',
      label: 'Annuaire des structures',
      current: (path) => path.startsWith('/structures'),
    },
    {
      href: '/journal',
      label: "Journal d'audit",
      current: (path) => path === '/journal',
      allowed: (session) => can(session, 'read_audit_log'),
    },
    {
      href: '/admin/connexions',
      label: 'Connexions',
      current: (path) => path === '/admin/connexions',
      allowed: (session) => can(session, 'read_platform_sign_ins'),
    },
    { href: '/mon-compte', label: 'Mon compte', current: (path) => path === '/mon-compte' },
    { href: '/mot-de-passe', label: 'Mot de passe', current: (path) => path === '/mot-de-passe' },
    { href: '/sessions', label: 'Mes sessions', current: (path) => path === '/sessions' },
  ],
};
