// The audit log of the acting structure: who read or changed what, when, acting for whom.
import { useState } from 'preact/hooks';
import { can } from '../../actions';
import { api, query } from '../../api';
import { LoadState, PageHeading, Pager, TableScroll, useResource } from '../../components';
import {
  actionLabel,
  AUDIT_ACTIONS,
  auditDetail,
  auditRecord,
  countLabel,
  formatDateTime,
} from '../../labels';
import { navigate, type Location } from '../../router';
import type { AuditEntry, CollectiveSummary, Items, Page, Session, StaffMember } from '../../types';
import type { PageContext } from '../module';

export const AUDIT_PAGE_SIZE = 25;

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

  const log = useResource(
    () =>
      owner === null
        ? Promise.reject(new Error('choisissez la structure pour laquelle vous agissez'))
        : api.get<Page<AuditEntry>>(
            `/api/v1/structures/${owner}/audit` +
              query({ ...apiFilters, page, page_size: AUDIT_PAGE_SIZE }),
          ),
    [owner, action, person, from, to, hideOwn, page],
  );
  // Only who may read the log needs the staff list for its filter (and reading it is itself
  // logged).
  const needsStaff = can(session, 'read_audit_log') && can(session, 'read_staff');
  const staff = useResource(
    () =>
      owner === null || !needsStaff
        ? Promise.resolve({ items: [] as StaffMember[] })
        : api.get<Items<StaffMember>>(`/api/v1/structures/${owner}/staff`),
    [owner, needsStaff],
  );
  const collectives = useResource(
    () => api.get<Items<CollectiveSummary>>('/api/v1/collectives'),
    [owner],
  );
  const collectiveNames = new Map<number, string>();
  for (const c of collectives.data?.items ?? []) collectiveNames.set(c.id, c.name);

  const structureName =
    session.hats.find((h) => h.structure_id === owner)?.structure_name ?? 'ma structure';

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

  function submit(event: Event) {
    event.preventDefault();
    navigate(
      '/journal' +
        query({
          action: form.action,
          personne: form.person,
          du: form.from,
          au: form.to,
          sans_mes_lectures: form.hideOwn ? '1' : undefined,
        }),
    );
  }

  const filtered = action !== '' || person !== '' || from !== '' || to !== '' || hideOwn;
  const csvHref =
    owner === null ? undefined : `/api/v1/structures/${owner}/audit.csv` + query(apiFilters);

  return (
    <>
      <PageHeading title="Journal d'audit" />
      <p class="lead">
        Chaque lecture de données personnelles, chaque modification et chaque tentative refusée
        concernant{' '}
        <strong>{structureName}</strong>, la plus récente en premier. Consulter ce journal est
        aussi journalisé.
      </p>
      <form class="form filters" aria-label="Filtrer le journal" onSubmit={submit}>
        <div class="field">
          <label for="audit-action">Action</label>
          <select
            id="audit-action"
            value={form.action}
            onChange={(e) => setForm({ ...form, action: e.currentTarget.value })}
          >
            <option value="">Toutes les actions</option>
            {Object.entries(AUDIT_ACTIONS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-person">Personne</label>
          <select
            id="audit-person"
            value={form.person}
            onChange={(e) => setForm({ ...form, person: e.currentTarget.value })}
          >
            <option value="">Toutes les personnes</option>
            {(staff.data?.items ?? []).map((member) => (
              <option key={member.person_id} value={String(member.person_id)}>
                {member.display_name}
              </option>
            ))}
            {person !== '' &&
              !(staff.data?.items ?? []).some((m) => String(m.person_id) === person) && (
                <option value={person}>Personne n° {person}</option>
              )}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">Du</label>
          <input
            id="audit-from"
            type="date"
            value={form.from}
            onInput={(e) => setForm({ ...form, from: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="audit-to">Au (inclus)</label>
          <input
            id="audit-to"
            type="date"
            value={form.to}
            onInput={(e) => setForm({ ...form, to: e.currentTarget.value })}
          />
        </div>
        <div class="field checkbox">
          <input
            id="audit-hide-own"
            type="checkbox"
            checked={form.hideOwn}
            onChange={(e) => setForm({ ...form, hideOwn: e.currentTarget.checked })}
          />
          <label for="audit-hide-own">Masquer mes propres lectures</label>
        </div>
        <button type="submit" class="button primary">
          Filtrer
        </button>
        {filtered && (
          <a class="button" href="/journal">
            Effacer les filtres
          </a>
        )}
      </form>

      <section aria-labelledby="audit-entries">
        <h2 id="audit-entries">Entrées</h2>
        {csvHref && log.data && !log.error && log.data.total > 0 && (
          <p>
            <a class="button" href={csvHref} download>
              Exporter ces entrées (CSV)
            </a>
          </p>
        )}
        <p role="status" class="count">
          {log.data && !log.loading
            ? countLabel(log.data.total, 'entrée', 'entrées', 'Aucune entrée') +
              (filtered ? ' pour ces filtres' : '')
            : ''}
        </p>
        {log.data && !log.error && log.data.items.length > 0 ? (
          <>
            <TableScroll label="Entrées du journal d'audit">
              <table class="audit-table">
                <caption class="visually-hidden">Journal d'audit, page {page}</caption>
                <thead>
                  <tr>
                    <th scope="col">Date et heure</th>
                    <th scope="col">Personne</th>
                    <th scope="col">Agissant pour</th>
                    <th scope="col">Action</th>
                    <th scope="col">Donnée</th>
                    <th scope="col">Détail</th>
                  </tr>
                </thead>
                <tbody>
                  {log.data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td class="nowrap">
                        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                      </td>
                      <td>{entry.person_name || 'système'}</td>
                      <td>{entry.acting_structure_name || 'aucune structure'}</td>
                      <td>{actionLabel(entry.action)}</td>
                      <td>{auditRecord(entry.record_kind, entry.record_id, collectiveNames, owner)}</td>
                      <td>{auditDetail(entry)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pager
              page={page}
              pageSize={log.data.page_size}
              total={log.data.total}
              hrefFor={hrefFor}
              label="Pages du journal"
            />
          </>
        ) : log.data && !log.error && log.data.total > 0 && !log.loading ? (
          <p>
            Cette page est au-delà des entrées. <a href={hrefFor(1)}>Revenir à la première page</a>
          </p>
        ) : (
          <LoadState resource={log} what="Journal d'audit" />
        )}
      </section>
    </>
  );
}

export default ({ session, location }: PageContext) => <AuditPage session={session} location={location} />;
