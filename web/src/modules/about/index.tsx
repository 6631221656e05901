// The about module: the pages a French public service owes its users (accessibility statement,
// legal notice, personal data, help), linked from every page's footer, and the reset of a
// forgotten password by mail. All are public: they must be read signed out as well.
import type { WebModule } from '../module';

export const about: WebModule = {
  name: 'about',
  routes: [
    {
      pattern: '/accessibilite',
      needs: 'public',
      load: () => import('./Accessibility'),
      titleId: 'about.web.accessibility.title',
    },
    { pattern: '/mentions-legales', needs: 'public', load: () => import('./Legal'), titleId: 'about.web.legal.title' },
    {
      pattern: '/confidentialite',
      needs: 'public',
      load: () => import('./Privacy'),
      titleId: 'about.web.privacy.title',
    },
    { pattern: '/aide', needs: 'public', load: () => import('./Help'), titleId: 'about.web.help.title' },
    {
      pattern: '/mot-de-passe-oublie',
      needs: 'public',
      load: () => import('./ForgotPassword'),
      titleId: 'about.web.forgot.title',
    },
    {
      pattern: '/mot-de-passe-oublie/nouveau',
      needs: 'public',
      load: () => import('./ResetPassword'),
      titleId: 'about.web.reset.title',
    },
  ],
  nav: [],
  footer: [
    // The RGAA asks for the state of conformity in the link's own words.
    { href: '/accessibilite', labelId: 'about.web.footer.accessibility' },
    { href: '/mentions-legales', labelId: 'about.web.footer.legal' },
    { href: '/confidentialite', labelId: 'about.web.footer.privacy' },
    { href: '/aide', labelId: 'about.web.footer.help' },
  ],
};
