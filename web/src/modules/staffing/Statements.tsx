// The statements of lending the acting structure issued or was billed, newest first, each with
// its PDF and spreadsheet; and a chart of their totals by month. Only the management and
// HR/finance read them: the API refuses the others (403), and the page says so.
import { useMemo } from 'preact/hooks';
import { LoadState, PageHeading } from '../../components';
import { formatDate, formatMoney, t } from '../../i18n';
import { Chart } from '../../kit/Chart';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { Items, Statement } from '../../types';
import { monthLabel, totalsByMonth } from './staffing';

const STATEMENTS = '/api/v1/staffing/statements';

export default function Statements() {
  const statements = useQuery<Items<Statement>>(STATEMENTS, { revalidate: true });
  const items = statements.data?.items ?? [];
  const totals = useMemo(() => totalsByMonth(statements.data?.items ?? []), [statements.data]);
  const labels = useMemo(() => totals.map(([month]) => monthLabel(month)), [totals]);
  const series = useMemo(
    () => [{ label: t('staffing.web.statements.total'), values: totals.map(([, cents]) => cents / 100) }],
    [totals],
  );

  return (
    <div>
      <PageHeading title={t('staffing.web.nav.statements')} />
      <p>{t('staffing.web.statements.intro')}</p>
      {statements.error?.status === 403 ? (
        <p class="notice notice-info">{t('staffing.web.statements.denied')}</p>
      ) : (
        <LoadState resource={statements} what={t('staffing.web.statements.what')} />
      )}
      {statements.data && items.length === 0 && <p>{t('staffing.web.statements.none')}</p>}
      {items.length > 0 && (
        <>
          <ResponsiveTable<Statement>
            label={t('staffing.web.statements.region')}
            caption={t('staffing.web.statements.region')}
            rows={items}
            rowKey={(statement) => statement.id}
            columns={[
              {
                key: 'number',
                label: t('staffing.web.statements.number'),
                rowHeader: true,
                cell: (statement) => (
                  <>
                    {statement.number}
                    {statement.corrects_number && (
                      <>
                        {' '}
                        <small>{t('staffing.web.statements.corrects', { number: statement.corrects_number })}</small>
                      </>
                    )}
                  </>
                ),
              },
              { key: 'month', label: t('staffing.web.statements.month'), cell: (statement) => monthLabel(statement.month) },
              { key: 'billed', label: t('staffing.web.statements.billed'), cell: (statement) => statement.billed_structure_name },
              { key: 'carrier', label: t('staffing.web.statements.carrier'), cell: (statement) => statement.carrier_name },
              {
                key: 'issued',
                label: t('staffing.web.statements.issued_on'),
                cell: (statement) => formatDate(`${statement.issued_on}T12:00:00Z`),
              },
              { key: 'total', label: t('staffing.web.statements.total'), cell: (statement) => formatMoney(statement.total_cents) },
              {
                key: 'documents',
                label: t('staffing.web.statements.documents'),
                cell: (statement) => (
                  <>
                    <a href={`${STATEMENTS}/${statement.id}/document.pdf`} download>
                      {t('staffing.web.statements.pdf')}
                      <span class="visually-hidden"> {t('staffing.web.statements.of', { number: statement.number })}</span>
                    </a>{' '}
                    <a href={`${STATEMENTS}/${statement.id}/document.xlsx`} download>
                      {t('staffing.web.statements.xlsx')}
                      <span class="visually-hidden"> {t('staffing.web.statements.of', { number: statement.number })}</span>
                    </a>
                  </>
                ),
              },
            ]}
          />
          <Chart
            type="bar"
            title={t('staffing.web.statements.chart')}
            categoryLabel={t('staffing.web.statements.month')}
            labels={labels}
            series={series}
            format={(euros) => formatMoney(Math.round(euros * 100))}
          />
        </>
      )}
    </div>
  );
}
