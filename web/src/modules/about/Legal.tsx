// The legal notice (mentions légales): who runs this service, who is responsible for what it
// publishes, who hosts it (the operator itself: Ensemble is installed by whoever runs it), and
// the software.
import { PageHeading } from '../../components';
import { t } from '../../i18n';
import { useAbout } from './about';
import { AboutState, ContactLink, Given, operatorName } from './parts';

export function LegalPage() {
  const query = useAbout();
  const about = query.data;
  return (
    <div class="prose">
      <PageHeading title={t('about.web.legal.title')} />
      <AboutState about={query} />

      <h2>{t('about.web.legal.operator.title')}</h2>
      {about && (
        <dl class="facts">
          <div>
            <dt>{t('about.web.legal.operator.name')}</dt>
            <dd>
              <Given value={about.operator.name} />
            </dd>
          </div>
          <div>
            <dt>{t('about.web.legal.operator.address')}</dt>
            <dd class="multiline">
              <Given value={about.operator.address} />
            </dd>
          </div>
          <div>
            <dt>{t('about.web.legal.operator.email')}</dt>
            <dd>
              <ContactLink value={about.operator.email} />
            </dd>
          </div>
        </dl>
      )}

      <h2>{t('about.web.legal.director.title')}</h2>
      {about && (
        <p>
          <Given value={about.publication_director} />
        </p>
      )}

      <h2>{t('about.web.legal.hosting.title')}</h2>
      {about && <p>{t('about.web.legal.hosting.text', { operator: operatorName(about) })}</p>}

      <h2>{t('about.web.legal.software.title')}</h2>
      <p>{t('about.web.legal.software.text')}</p>
      <p>{t('about.web.legal.software.responsibility')}</p>
    </div>
  );
}

export default () => <LegalPage />;
