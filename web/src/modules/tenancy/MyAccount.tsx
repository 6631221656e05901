// « Mon compte »: who I am, my password, and my own sign-ins, sign-outs and failed sign-ins, so
// that a sign-in I did not make is seen by the person it concerns.
import { query } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { t } from '../../i18n';
import { useQuery } from '../../kit/query';
import type { Location } from '../../router';
import type { AuditEntry, Page, Session } from '../../types';
import type { PageContext } from '../module';
import { AccountActivityTable } from './AccountActivity';

export const ACTIVITY_PAGE_SIZE = 20;

export function MyAccountPage({ session, location }: { session: Session; location: Location }) {
  const page = Math.max(1, Number.parseInt(location.search.get('page') ?? '1', 10) || 1);
  const activity = useQuery<Page<AuditEntry>>(
    '/api/v1/me/activity' + query({ page, page_size: ACTIVITY_PAGE_SIZE }),
    { revalidate: true },
  );
  const failures = (activity.data?.items ?? []).filter((e) => e.action === 'sign_in_failed').length;
  return (
    <>
      <PageHeading title={t('tenancy.web.nav.my_account')} />
      <section aria-labelledby="account-identity">
        <h2 id="account-identity">{t('tenancy.web.account.identity')}</h2>
        <p>
          <strong>{session.person.display_name}</strong>, {session.person.email}
        </p>
        <ul>
          <li>
            <a href="/mot-de-passe">{t('tenancy.web.password.title')}</a>
          </li>
          <li>
            <a href="/sessions">{t('tenancy.web.account.sessions_link')}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="account-activity">
        <h2 id="account-activity">{t('tenancy.web.account.activity')}</h2>
        <p class="lead">{t('tenancy.web.account.activity_lead')}</p>
        <p role="status" class="count">
          {activity.data && !activity.loading
            ? t('tenancy.web.account.events', { count: activity.data.total }) +
              (failures > 0 ? ' ' + t('tenancy.web.account.failures', { count: failures }) : '')
            : ''}
        </p>
        {activity.data && !activity.error && activity.data.items.length > 0 ? (
          <AccountActivityTable
            page={activity.data}
            pageNumber={page}
            label={t('tenancy.web.account.activity_region')}
            hrefFor={(target) => '/mon-compte' + query({ page: target > 1 ? target : undefined })}
          />
        ) : (
          <LoadState resource={activity} what={t('tenancy.web.account.activity')} />
        )}
      </section>
    </>
  );
}

export default ({ session, location }: PageContext) => <MyAccountPage session={session} location={location} />;
