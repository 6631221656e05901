// « Mon compte »: who I am, my password, and my own sign-ins, sign-outs and failed sign-ins, so
// that a sign-in I did not make is seen by the person it concerns.
import { api, query } from '../../api';
import { LoadState, PageHeading, useResource } from '../../components';
import { countLabel } from '../../labels';
import type { Location } from '../../router';
import type { AuditEntry, Page, Session } from '../../types';
import { AccountActivityTable } from './AccountActivity';
import type { PageContext } from '../module';

export const ACTIVITY_PAGE_SIZE = 20;

export function MyAccountPage({ session, location }: { session: Session; location: Location }) {
  const page = Math.max(1, Number.parseInt(location.search.get('page') ?? '1', 10) || 1);
  const activity = useResource(
    () =>
      api.get<Page<AuditEntry>>(
        '/api/v1/me/activity' + query({ page, page_size: ACTIVITY_PAGE_SIZE }),
      ),
    [page],
  );
  const failures = (activity.data?.items ?? []).filter((e) => e.action === 'sign_in_failed');
  return (
    <>
      <PageHeading title="Mon compte" />
      <section aria-labelledby="account-identity">
        <h2 id="account-identity">Identité</h2>
        <p>
          <strong>{session.person.display_name}</strong>, {session.person.email}
        </p>
        <ul>
          <li>
            <a href="/mot-de-passe">Changer de mot de passe</a>
          </li>
          <li>
            <a href="/sessions">Voir et fermer mes sessions ouvertes</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="account-activity">
        <h2 id="account-activity">Mes connexions</h2>
        <p class="lead">
          Vos connexions, déconnexions et tentatives de connexion échouées, la plus récente en
          premier. Si l'une d'elles n'est pas de vous, changez votre mot de passe.
        </p>
        <p role="status" class="count">
          {activity.data && !activity.loading
            ? countLabel(activity.data.total, 'événement', 'événements', 'Aucun événement') +
              (failures.length > 0
                ? ` (${countLabel(failures.length, 'échec', 'échecs', '')} sur cette page)`
                : '')
            : ''}
        </p>
        {activity.data && !activity.error && activity.data.items.length > 0 ? (
          <AccountActivityTable
            page={activity.data}
            pageNumber={page}
            label="Liste de mes connexions"
            hrefFor={(target) => '/mon-compte' + query({ page: target > 1 ? target : undefined })}
          />
        ) : (
          <LoadState resource={activity} what="Mes connexions" />
        )}
      </section>
    </>
  );
}

export default ({ session, location }: PageContext) => <MyAccountPage session={session} location={location} />;
