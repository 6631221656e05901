// The accessibility statement (RGAA). No audit has been made, so the service is « non conforme »
// (the RGAA leaves no other word then); the known gaps are listed as they are, and the page ends
// with the contact and the appeal to the Défenseur des droits that the law requires.
import { PageHeading } from '../../components';
import { formatDate, t } from '../../i18n';
import { useAbout } from './about';
import { AboutState, ContactLink, operatorName } from './parts';

/** The day this statement was written: a new statement, a new date. */
const ESTABLISHED = '2026-12-02T12:00:00Z';

const DEFENSEUR_FORM = 'https://formulaire.defenseurdesdroits.fr/';
const DEFENSEUR_DELEGATES = 'https://www.defenseurdesdroits.fr/saisir/delegues';
/** A postal address, written the same in every language. */
const DEFENSEUR_ADDRESS = ['Défenseur des droits', 'Libre réponse 71120', '75342 Paris CEDEX 07'];

const ISSUES = [
  'about.web.accessibility.issues.charts',
  'about.web.accessibility.issues.maps',
  'about.web.accessibility.issues.screen_readers',
  'about.web.accessibility.issues.manual',
  'about.web.accessibility.issues.documents',
] as const;

export function AccessibilityPage() {
  const query = useAbout();
  const about = query.data;
  return (
    <div class="prose">
      <PageHeading title={t('about.web.accessibility.title')} />
      <AboutState about={query} />
      {about && <p>{t('about.web.accessibility.commitment', { operator: operatorName(about) })}</p>}
      <p>{t('about.web.accessibility.scope', { address: window.location.origin })}</p>

      <h2>{t('about.web.accessibility.state.title')}</h2>
      <p>{t('about.web.accessibility.state.text')}</p>

      <h2>{t('about.web.accessibility.results.title')}</h2>
      <p>{t('about.web.accessibility.results.text')}</p>

      <h2>{t('about.web.accessibility.issues.title')}</h2>
      <p>{t('about.web.accessibility.issues.intro')}</p>
      <ul>
        {ISSUES.map((id) => (
          <li key={id}>{t(id)}</li>
        ))}
      </ul>

      <h2>{t('about.web.accessibility.established.title')}</h2>
      <p>{t('about.web.accessibility.established.text', { date: formatDate(ESTABLISHED, { dateStyle: 'long' }) })}</p>
      <h3>{t('about.web.accessibility.technologies.title')}</h3>
      <ul>
        <li>HTML</li>
        <li>CSS</li>
        <li>JavaScript</li>
      </ul>
      <h3>{t('about.web.accessibility.environment.title')}</h3>
      <p>{t('about.web.accessibility.environment.text')}</p>

      <h2>{t('about.web.accessibility.contact.title')}</h2>
      <p>{t('about.web.accessibility.contact.text')}</p>
      {about && (
        <p>
          {t('about.web.accessibility.contact.label')} <ContactLink value={about.accessibility_contact} />
        </p>
      )}

      <h2>{t('about.web.accessibility.remedies.title')}</h2>
      <p>{t('about.web.accessibility.remedies.intro')}</p>
      <ul>
        <li>
          <a href={DEFENSEUR_FORM}>{t('about.web.accessibility.remedies.form')}</a>
        </li>
        <li>
          <a href={DEFENSEUR_DELEGATES}>{t('about.web.accessibility.remedies.delegate')}</a>
        </li>
        <li>
          {t('about.web.accessibility.remedies.mail')}
          <address>
            {DEFENSEUR_ADDRESS.map((line) => (
              <span key={line} class="address-line">
                {line}
              </span>
            ))}
          </address>
        </li>
      </ul>
    </div>
  );
}

export default () => <AccessibilityPage />;
