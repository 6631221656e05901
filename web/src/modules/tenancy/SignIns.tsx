// The platform administrator's view of everybody's sign-ins, sign-outs and failed sign-ins,
// filterable by person. Reading it is itself audited.
import { api, query } from '../../api';
import { LoadState, PageHeading, useResource } from '../../components';
import { countLabel } from '../../labels';
import type { Location } from '../../router';
import type { AuditEntry, Page } from '../../types';
import { AccountActivityTable } from './AccountActivity';
import type { PageContext } from '../module';

export const SIGN_INS_PAGE_SIZE = 25;

export function SignInsPage({ location }: { location: Location }) {
  const params = location.search;
  const person = params.get('personne') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const lines = useResource(
    () =>
      api.get<Page<AuditEntry>>(
        '/api/v1/admin/sign-ins' +
          query({ person_id: person, page, page_size: SIGN_INS_PAGE_SIZE }),
      ),
    [person, page],
  );
  const name = person !== '' ? lines.data?.items[0]?.person_name : undefined;
  return (
    <>
      <PageHeading title="Connexions à la plateforme" />
      <p class="lead">
        Les connexions, déconnexions et tentatives échouées de chacun, la plus récente en premier.
        Consulter cette page est journalisé.
      </p>
      {person !== '' && (
        <p>
          Connexions de <strong>{name ?? `la personne n° ${person}`}</strong> seulement.{' '}
          <a href="/admin/connexions">Voir celles de tout le monde</a>
        </p>
      )}
      <p role="status" class="count">
        {lines.data && !lines.loading
          ? countLabel(lines.data.total, 'événement', 'événements', 'Aucun événement')
          : ''}
      </p>
      {lines.data && !lines.error && lines.data.items.length > 0 ? (
        <AccountActivityTable
          page={lines.data}
          pageNumber={page}
          label="Connexions à la plateforme"
          hrefFor={(target) =>
            '/admin/connexions' +
            query({ personne: person, page: target > 1 ? target : undefined })
          }
          personHref={(entry) => '/admin/connexions' + query({ personne: entry.person_id })}
        />
      ) : (
        <LoadState resource={lines} what="Connexions à la plateforme" />
      )}
    </>
  );
}

export default ({ location }: PageContext) => <SignInsPage location={location} />;
