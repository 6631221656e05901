// The statements of lending the acting structure issued or was billed, newest first, each with
// its PDF and spreadsheet; and a chart of their totals by month. Only the management and
// HR/finance read them: the API refuses the others (403), and the page says so. The carrier may
// correct a statement (« Corriger », when its `actions` say so): the correction is a new
// statement billing the difference, shown above the list.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatDate, formatMoney, t } from '../../i18n';
import { Chart } from '../../kit/Chart';
import { FormMessages, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { Items, Statement } from '../../types';
import { monthLabel, totalsByMonth } from './staffing';
import './staffing.css';

const STATEMENTS = '/api/v1/staffing/statements';

export default function Statements() {
  const statements = useQuery<Items<Statement>>(STATEMENTS, { revalidate: true });
  const [corrected, setCorrected] = useState<Statement | null>(null);
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
      {corrected && <Correction statement={corrected} />}
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
              {
                key: 'actions',
                label: t('staffing.web.statements.actions'),
                hiddenLabel: true,
                cell: (statement) => (can(statement, 'correct') ? <CorrectButton statement={statement} onCorrected={setCorrected} /> : null),
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

function CorrectButton({ statement, onCorrected }: { statement: Statement; onCorrected: (next: Statement) => void }) {
  const correct = useForm({
    id: `correct-${statement.id}`,
    action: async () => {
      onCorrected(await api.post<Statement>(`${STATEMENTS}/${statement.id}/corrections`, {}));
    },
    invalidates: [STATEMENTS, '/api/v1/staffing/positions/'],
  });
  return (
    <>
      <button
        type="button"
        class="button small"
        aria-busy={correct.busy ? true : undefined}
        aria-describedby={correct.error ? `${correct.id}-alert` : undefined}
        onClick={() => void correct.run()}
      >
        {t('staffing.web.statements.correct')}
        <span class="visually-hidden"> {t('staffing.web.statements.correct_which', { number: statement.number })}</span>
      </button>
      <FormMessages form={correct} />
    </>
  );
}

/** The statement a correction just issued: what it corrects, what it bills, its documents. */
function Correction({ statement }: { statement: Statement }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [statement.id]);
  return (
    <section class="section-box" aria-labelledby="correction-title">
      <h2 id="correction-title" ref={heading} tabIndex={-1}>
        {t('staffing.web.statements.correction_title', { number: statement.number })}
      </h2>
      <dl class="facts">
        <dt>{t('staffing.web.statements.corrects_label')}</dt>
        <dd>{statement.corrects_number ?? '—'}</dd>
        <dt>{t('staffing.web.statements.month')}</dt>
        <dd>{monthLabel(statement.month)}</dd>
        <dt>{t('staffing.web.statements.billed')}</dt>
        <dd>{statement.billed_structure_name}</dd>
        <dt>{t('staffing.web.statements.previously_billed')}</dt>
        <dd>{formatMoney(statement.previously_billed_cents)}</dd>
        <dt>{t('staffing.web.statements.amount')}</dt>
        <dd>{formatMoney(statement.amount_cents)}</dd>
        <dt>{t('staffing.web.statements.total')}</dt>
        <dd>
          <strong>{formatMoney(statement.total_cents)}</strong>
        </dd>
      </dl>
      <p>
        <a href={`${STATEMENTS}/${statement.id}/document.pdf`} download>
          {t('staffing.web.statements.pdf')}
          <span class="visually-hidden"> {t('staffing.web.statements.of', { number: statement.number })}</span>
        </a>{' '}
        <a href={`${STATEMENTS}/${statement.id}/document.xlsx`} download>
          {t('staffing.web.statements.xlsx')}
          <span class="visually-hidden"> {t('staffing.web.statements.of', { number: statement.number })}</span>
        </a>
      </p>
    </section>
  );
}
