// Personal data: what the service keeps, for how long (the server's own settings), whom to ask,
// and the rights the RGPD gives, with the complaint to the CNIL.
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import type { About } from '../../types';
import { useAbout } from './about';
import { AboutState, operatorName, OperatorContact } from './parts';

const CNIL_COMPLAINT = 'https://www.cnil.fr/fr/plaintes';

const STORED = [
  'about.web.privacy.stored.account',
  'about.web.privacy.stored.sessions',
  'about.web.privacy.stored.audit',
  'about.web.privacy.stored.structures',
  'about.web.privacy.stored.browser',
] as const;

const RIGHTS = [
  'about.web.privacy.rights.access',
  'about.web.privacy.rights.rectification',
  'about.web.privacy.rights.erasure',
  'about.web.privacy.rights.restriction',
  'about.web.privacy.rights.objection',
] as const;

function Retention({ retention }: { retention: About['retention'] }) {
  return (
    <ul>
      <li>
        {t('about.web.privacy.retention.sessions', {
          idle: retention.session_idle_minutes,
          hours: retention.session_absolute_hours,
        })}
      </li>
      <li>{t('about.web.privacy.retention.audit', { months: retention.audit_log_months })}</li>
      <li>{t('about.web.privacy.retention.reset', { minutes: retention.password_reset_minutes })}</li>
    </ul>
  );
}

export function PrivacyPage() {
  const query = useAbout();
  const about = query.data;
  return (
    <div class="prose">
      <PageHeading title={t('about.web.privacy.title')} />
      <AboutState about={query} />
      {about && <p>{t('about.web.privacy.controller', { operator: operatorName(about) })}</p>}

      <h2>{t('about.web.privacy.stored.title')}</h2>
      <ul>
        {STORED.map((id) => (
          <li key={id}>{t(id)}</li>
        ))}
      </ul>

      <h2>{t('about.web.privacy.retention.title')}</h2>
      {about && <Retention retention={about.retention} />}

      <h2>{t('about.web.privacy.contact.title')}</h2>
      {about && <OperatorContact about={about} />}

      <h2>{t('about.web.privacy.rights.title')}</h2>
      <p>{t('about.web.privacy.rights.intro')}</p>
      <ul>
        {RIGHTS.map((id) => (
          <li key={id}>{t(id)}</li>
        ))}
      </ul>
      <p>
        {t('about.web.privacy.rights.complaint')} <a href={CNIL_COMPLAINT}>{t('about.web.privacy.rights.cnil')}</a>
      </p>
    </div>
  );
}

export default () => <PrivacyPage />;
