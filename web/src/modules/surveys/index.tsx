// The surveys module's routes: the questionnaires of the acting structure (those it designs and
// those of its collectives), the upload of an XLSForm, the editor that writes one in the page,
// and a questionnaire's page, where it is filled with ODK's own engine. What she may do there is
// the API's to say (`actions`).
import type { Session } from '../../types';
import type { WebModule } from '../module';

const acting = (session: Session) => session.acting_structure_id != null;

export const surveys: WebModule = {
  name: 'surveys',
  routes: [
    { pattern: '/questionnaires', needs: 'acting', load: () => import('./Forms'), titleId: 'surveys.web.nav.forms' },
    // Before `:id`, although an id must be digits: the editor's address reads first.
    { pattern: '/questionnaires/nouveau', needs: 'acting', load: () => import('./Editor'), titleId: 'surveys.web.editor.title' },
    { pattern: '/questionnaires/:id', needs: 'acting', load: () => import('./FormPage'), titleId: 'surveys.web.form.title' },
  ],
  nav: [
    {
      href: '/questionnaires',
      labelId: 'surveys.web.nav.forms',
      current: (path) => path === '/questionnaires' || path.startsWith('/questionnaires/'),
      allowed: acting,
    },
  ],
};
