// The audit log of the acting structure: who read or changed what, when, acting for whom.
import { useState } from 'preact/hooks';
import { can } from '../../actions';
import { query } from '../../api';
import { LoadState, PageHeading, Pager } from '../../components';
import { formatDateTime, t } from '../../i18n';
import { Field, Form, Submit, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable, type Column } from '../../kit/ResponsiveTable';
import { actionLabel, AUDIT_ACTIONS, auditDetail, auditRecord } from '../../labels';
import { navigate, type Location } from '../../router';
import type { AuditEntry, CollectiveSummary, Items, Page, Session, StaffMember } from '../../types';
import type { PageContext } from '../module';
import { frenchArticle } from '../../i18n/articles';

export const AUDIT_PAGE_SIZE = 25;

function columns(collectiveNames: ReadonlyMap<number, string>, owner: number | null): Column<AuditEntry>[] {
  return [
    {
      key: 'at',
      label: t('tenancy.web.audit.at'),
      class: 'nowrap',
      cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>,
    },
    { key: 'person', label: t('tenancy.web.audit.person'), cell: (entry) => entry.person_name || t('tenancy.web.audit.system') },
    {
      key: 'acting',
      label: t('tenancy.web.audit.acting_for'),
      cell: (entry) => entry.acting_structure_name || t('tenancy.web.audit.no_structure'),
    },
    { key: 'action', label: t('tenancy.web.audit.action'), cell: (entry) => actionLabel(entry.action) },
    {
      key: 'record',
      label: t('tenancy.web.audit.record'),
      cell: (entry) => auditRecord(entry.record_kind, entry.record_id, collectiveNames, owner),
    },
    { key: 'detail', label: t('tenancy.web.audit.detail'), cell: (entry) => auditDetail(entry) },
  ];
}

export function AuditPage({ session, location }: { session: Session; location: Location }) {
  const owner = session.acting_structure_id;
  const params = location.search;
  const action = params.get('action') ?? '';
  const person = params.get('personne') ?? '';
  const from = params.get('du') ?? '';
  const to = params.get('au') ?? '';
  const hideOwn = params.get('sans_mes_lectures') === '1';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  const [form, setForm] = useState({ action, person, from, to, hideOwn });
  // The same filters for the page and the export, as the API names them.
  const apiFilters = {
    action,
    person_id: person,
    from,
    to,
    hide_own_reads: hideOwn ? 'true' : undefined,
  };

  // Asked again at each visit: the log grows without any change of ours.
  const log = useQuery<Page<AuditEntry>>(
    owner === null
      ? null
      : `/api/v1/structures/${owner}/audit` + query({ ...apiFilters, page, page_size: AUDIT_PAGE_SIZE }),
    { revalidate: true },
  );
  // Only who may read the log needs the staff list for its filter (and reading it is itself
  // logged).
  const needsStaff = can(session, 'read_audit_log') && can(session, 'read_staff');
  const staff = useQuery<Items<StaffMember>>(
    owner === null || !needsStaff ? null : `/api/v1/structures/${owner}/staff`,
  );
  const collectives = useQuery<Items<CollectiveSummary>>('/api/v1/collectives');
  const collectiveNames = new Map<number, string>();
  for (const c of collectives.data?.items ?? []) collectiveNames.set(c.id, c.name);

  const structureName =
    session.hats.find((h) => h.structure_id === owner)?.structure_name ?? t('tenancy.web.audit.my_structure');

  const hrefFor = (target: number) =>
    '/journal' +
    query({
      action,
      personne: person,
      du: from,
      au: to,
      sans_mes_lectures: hideOwn ? '1' : undefined,
      page: target > 1 ? target : undefined,
    });

  const filters = useForm({
    id: 'audit',
    action: async () =>
      navigate(
        '/journal' +
          query({
            action: form.action,
            personne: form.person,
            du: form.from,
            au: form.to,
            sans_mes_lectures: form.hideOwn ? '1' : undefined,
          }),
      ),
  });

  const filtered = action !== '' || person !== '' || from !== '' || to !== '' || hideOwn;
  const csvHref =
    owner === null ? undefined : `/api/v1/structures/${owner}/audit.csv` + query(apiFilters);

  return (
    <>
      <PageHeading title={t('tenancy.web.nav.audit')} />
      <p class="lead">{t('tenancy.web.audit.lead', { structure: structureName, article: frenchArticle(structureName) })}</p>
      <Form form={filters} class="form filters" label={t('tenancy.web.audit.filter_form')}>
        <Field name="action" label={t('tenancy.web.audit.action')}>
          {(props) => (
            <select {...props} value={form.action} onChange={(e) => setForm({ ...form, action: e.currentTarget.value })}>
              <option value="">{t('tenancy.web.audit.all_actions')}</option>
              {AUDIT_ACTIONS.map((code) => (
                <option key={code} value={code}>
                  {actionLabel(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="person_id" label={t('tenancy.web.audit.person')}>
          {(props) => (
            <select {...props} value={form.person} onChange={(e) => setForm({ ...form, person: e.currentTarget.value })}>
              <option value="">{t('tenancy.web.audit.all_people')}</option>
              {(staff.data?.items ?? []).map((member) => (
                <option key={member.person_id} value={String(member.person_id)}>
                  {member.display_name}
                </option>
              ))}
              {person !== '' && !(staff.data?.items ?? []).some((m) => String(m.person_id) === person) && (
                <option value={person}>{t('tenancy.web.audit.person_option', { id: person })}</option>
              )}
            </select>
          )}
        </Field>
        <Field name="from" label={t('tenancy.web.audit.from')}>
          {(props) => (
            <input {...props} type="date" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
          )}
        </Field>
        <Field name="to" label={t('tenancy.web.audit.to')}>
          {(props) => (
            <input {...props} type="date" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
          )}
        </Field>
        <Field name="hide_own_reads" class="field checkbox" label={t('tenancy.web.audit.hide_own')}>
          {(props) => (
            <input
              {...props}
              type="checkbox"
              checked={form.hideOwn}
              onChange={(e) => setForm({ ...form, hideOwn: e.currentTarget.checked })}
            />
          )}
        </Field>
        <Submit>{t('tenancy.web.audit.submit')}</Submit>
        {filtered && (
          <a class="button" href="/journal">
            {t('tenancy.web.audit.clear')}
          </a>
        )}
      </Form>

      <section aria-labelledby="audit-entries">
        <h2 id="audit-entries">{t('tenancy.web.audit.entries')}</h2>
        {csvHref && log.data && !log.error && log.data.total > 0 && (
          <p>
            <a class="button" href={csvHref} download>
              {t('tenancy.web.audit.export')}
            </a>
          </p>
        )}
        <p role="status" class="count">
          {log.data && !log.loading
            ? filtered
              ? t('tenancy.web.audit.count_filtered', { count: log.data.total })
              : t('tenancy.web.audit.count', { count: log.data.total })
            : ''}
        </p>
        {log.data && !log.error && log.data.items.length > 0 ? (
          <>
            <ResponsiveTable
              label={t('tenancy.web.audit.region')}
              caption={t('tenancy.web.audit.caption', { page })}
              class="audit-table"
              rows={log.data.items}
              rowKey={(entry) => entry.id}
              columns={columns(collectiveNames, owner)}
            />
            <Pager
              page={page}
              pageSize={log.data.page_size}
              total={log.data.total}
              hrefFor={hrefFor}
              label={t('tenancy.web.audit.pages')}
            />
          </>
        ) : log.data && !log.error && log.data.total > 0 && !log.loading ? (
          <p>
            {t('tenancy.web.audit.beyond')} <a href={hrefFor(1)}>{t('tenancy.web.back_to_first_page')}</a>
          </p>
        ) : owner === null ? (
          <p role="alert" class="notice notice-error">
            {t('tenancy.web.audit.no_acting')}
          </p>
        ) : (
          <LoadState resource={log} what={t('tenancy.web.nav.audit')} />
        )}
      </section>
    </>
  );
}

export default ({ session, location }: PageContext) => <AuditPage session={session} location={location} />;
