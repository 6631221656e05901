// Sign-ins, sign-outs, failed sign-ins and password changes, as a table: the person's own on her
// account page, everybody's on the platform administrator's page.
import { Pager } from '../../components';
import { formatDateTime, t } from '../../i18n';
import { ResponsiveTable, type Column } from '../../kit/ResponsiveTable';
import { actionLabel } from '../../labels';
import type { AuditEntry, Page } from '../../types';

function personCell(entry: AuditEntry, personHref: (entry: AuditEntry) => string) {
  if (entry.person_id !== null) return <a href={personHref(entry)}>{entry.person_name}</a>;
  return typeof entry.params.email === 'string'
    ? t('tenancy.web.activity.no_account_email', { email: entry.params.email })
    : t('tenancy.web.activity.no_account');
}

export function AccountActivityTable({
  page,
  pageNumber,
  label,
  hrefFor,
  personHref,
}: {
  page: Page<AuditEntry>;
  pageNumber: number;
  label: string;
  hrefFor: (page: number) => string;
  /** When given, a column names the person, linking to her lines only. */
  personHref?: (entry: AuditEntry) => string;
}) {
  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      label: t('tenancy.web.audit.at'),
      class: 'nowrap',
      cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>,
    },
    ...(personHref
      ? [{ key: 'person', label: t('tenancy.web.audit.person'), cell: (entry: AuditEntry) => personCell(entry, personHref) }]
      : []),
    { key: 'event', label: t('tenancy.web.activity.event'), cell: (entry) => actionLabel(entry.action) },
    {
      key: 'address',
      label: t('tenancy.web.activity.address'),
      cell: (entry) => (typeof entry.params.address === 'string' ? entry.params.address : '—'),
    },
  ];
  return (
    <>
      <ResponsiveTable
        label={label}
        caption={t('tenancy.web.activity.caption', { label, page: pageNumber })}
        class="audit-table"
        rows={page.items}
        rowKey={(entry) => entry.id}
        columns={columns}
      />
      <Pager
        page={pageNumber}
        pageSize={page.page_size}
        total={page.total}
        hrefFor={hrefFor}
        label={t('tenancy.web.activity.pages', { label })}
      />
    </>
  );
}
