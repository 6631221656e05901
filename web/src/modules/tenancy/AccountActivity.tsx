// Sign-ins, sign-outs, failed sign-ins and password changes, as a table: the person's own on her
// account page, everybody's on the platform administrator's page.
import { Pager, TableScroll } from '../../components';
import { actionLabel, formatDateTime } from '../../labels';
import type { AuditEntry, Page } from '../../types';

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
  return (
    <>
      <TableScroll label={label}>
        <table class="audit-table">
          <caption class="visually-hidden">
            {label}, page {pageNumber}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date et heure</th>
              {personHref && <th scope="col">Personne</th>}
              <th scope="col">Événement</th>
              <th scope="col">Adresse</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((entry) => (
              <tr key={entry.id}>
                <td class="nowrap">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                {personHref && (
                  <td>
                    {entry.person_id === null ? (
                      typeof entry.params.email === 'string' ? (
                        `${entry.params.email} (aucun compte)`
                      ) : (
                        'aucun compte'
                      )
                    ) : (
                      <a href={personHref(entry)}>{entry.person_name}</a>
                    )}
                  </td>
                )}
                <td>{actionLabel(entry.action)}</td>
                <td>{typeof entry.params.address === 'string' ? entry.params.address : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pager
        page={pageNumber}
        pageSize={page.page_size}
        total={page.total}
        hrefFor={hrefFor}
        label={`Pages : ${label}`}
      />
    </>
  );
}
