// Help: whom to write to, and what to do in the usual cases (a forgotten password, a session
// that closed, a page hard to use, a question about one's data).
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { useAbout } from './about';
import { AboutState, OperatorContact } from './parts';

export function HelpPage() {
  const query = useAbout();
  const about = query.data;
  return (
    <div class="prose">
      <PageHeading title={t('about.web.help.title')} />
      <AboutState about={query} />

      <h2>{t('about.web.help.contact.title')}</h2>
      <p>{t('about.web.help.contact.text')}</p>
      {about && <OperatorContact about={about} />}

      <h2>{t('about.web.help.forgot.title')}</h2>
      {about && <p>{t('about.web.help.forgot.text', { minutes: about.retention.password_reset_minutes })}</p>}
      <p>
        <a href="/mot-de-passe-oublie">{t('about.web.help.forgot.link')}</a>
      </p>

      <h2>{t('about.web.help.session.title')}</h2>
      {about && (
        <p>
          {t('about.web.help.session.text', {
            idle: about.retention.session_idle_minutes,
            hours: about.retention.session_absolute_hours,
          })}
        </p>
      )}

      <h2>{t('about.web.help.accessibility.title')}</h2>
      <p>
        {t('about.web.help.accessibility.text')} <a href="/accessibilite">{t('about.web.help.accessibility.link')}</a>
      </p>

      <h2>{t('about.web.help.privacy.title')}</h2>
      <p>
        {t('about.web.help.privacy.text')} <a href="/confidentialite">{t('about.web.help.privacy.link')}</a>
      </p>
    </div>
  );
}

export default () => <HelpPage />;
