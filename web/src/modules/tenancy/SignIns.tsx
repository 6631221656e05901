// The platform administrator's view of everybody's sign-ins, sign-outs and failed sign-ins,
// filterable by person. Reading it is itself audited.
import { query } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { t } from '../../i18n';
import { useQuery } from '../../kit/query';
import type { Location } from '../../router';
import type { AuditEntry, Page } from '../../types';
import type { PageContext } from '../module';
import { AccountActivityTable } from './AccountActivity';

export const SIGN_INS_PAGE_SIZE = 25;

export function SignInsPage({ location }: { location: Location }) {
  const params = location.search;
  const person = params.get('personne') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const lines = useQuery<Page<AuditEntry>>(
    '/api/v1/admin/sign-ins' + query({ person_id: person, page, page_size: SIGN_INS_PAGE_SIZE }),
    { revalidate: true },
  );
  const name = person !== '' ? lines.data?.items[0]?.person_name : undefined;
  const title = t('tenancy.web.sign_ins.title');
  return (
    <>
      <PageHeading title={title} />
      <p class="lead">{t('tenancy.web.sign_ins.lead')}</p>
      {person !== '' && (
        <p>
          {name
            ? t('tenancy.web.sign_ins.only_of', { name })
            : t('tenancy.web.sign_ins.only_of_number', { id: person })}{' '}
          <a href="/admin/connexions">{t('tenancy.web.sign_ins.everybody')}</a>
        </p>
      )}
      <p role="status" class="count">
        {lines.data && !lines.loading ? t('tenancy.web.account.events', { count: lines.data.total }) : ''}
      </p>
      {lines.data && !lines.error && lines.data.items.length > 0 ? (
        <AccountActivityTable
          page={lines.data}
          pageNumber={page}
          label={title}
          hrefFor={(target) => '/admin/connexions' + query({ personne: person, page: target > 1 ? target : undefined })}
          personHref={(entry) => '/admin/connexions' + query({ personne: entry.person_id })}
        />
      ) : (
        <LoadState resource={lines} what={title} />
      )}
    </>
  );
}

export default ({ location }: PageContext) => <SignInsPage location={location} />;
