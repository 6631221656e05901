// « Postes partagés du collectif »: what the members of a collective share of their shared
// positions with it, over a month (GET /api/v1/collectives/{id}/staffing/positions). The
// positions every party shares in full: their person, parties, agreed shares and the hours
// planned at each structure (a table and a chart); and each member's positions counted by kind,
// with the hours planned there, where a count below the threshold is suppressed (« < 5 ») so
// that no one can be singled out. What each member shares is said beside it; nothing of the
// hours worked, the absences or the money is ever here. A structure outside the collective reads
// the API's refusal.
import { useMemo, useState } from 'preact/hooks';
import { LoadState, PageHeading } from '../../components';
import { t } from '../../i18n';
import { Chart } from '../../kit/Chart';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { levelLabel } from '../../labels';
import type { PageContext } from '../module';
import { duration, MonthField, useStructureNames } from './shared';
import { currentMonth, monthLabel, percent } from './staffing';
import type { CollectivePositions as View } from './types';

type Shown = View['positions'][number];
type Cell = View['table']['rows'][number]['total'];

const KIND_IDS = {
  lending: 'staffing.web.kind.lending',
  multi_employer: 'staffing.web.kind.multi_employer',
} as const;

/** A protected cell in words: the count and the hours, or what stands for them when suppressed. */
function cellText(cell: Cell): string {
  if (cell.suppressed || cell.count === null) return cell.label;
  if (cell.count === 0) return t('staffing.web.collective.none');
  return t('staffing.web.collective.cell', { count: cell.count, hours: duration(cell.minutes ?? 0) });
}

export default function CollectivePositions({ params }: PageContext) {
  const id = Number(params.id);
  const [month, setMonth] = useState(currentMonth);
  const view = useQuery<View>(`/api/v1/collectives/${id}/staffing/positions?month=${month}`);
  const nameOf = useStructureNames();
  const data = view.data;
  const inputId = `collective-month-${id}`;
  return (
    <div>
      <p class="eyebrow">
        <a href={`/collectifs/${id}`}>{data?.collective.name ?? t('staffing.web.collective.back')}</a>
      </p>
      <PageHeading
        title={data ? t('staffing.web.collective.title', { name: data.collective.name }) : t('staffing.web.collective.heading')}
      />
      <p>{t('staffing.web.collective.intro')}</p>
      <MonthField id={inputId} month={month} onMonth={setMonth} />
      {view.error?.status === 404 ? (
        <p class="notice notice-info">{view.error.message}</p>
      ) : (
        <LoadState resource={view} what={t('staffing.web.collective.what')} />
      )}
      {data && (
        <>
          <Levels view={data} />
          <FullPositions view={data} nameOf={nameOf} />
          <Counts view={data} nameOf={nameOf} />
        </>
      )}
    </div>
  );
}

function Levels({ view }: { view: View }) {
  return (
    <section aria-labelledby="collective-levels">
      <h2 id="collective-levels">{t('staffing.web.collective.levels_title')}</h2>
      <ul>
        {view.members.map((member) => (
          <li key={member.structure_id}>
            {t('staffing.web.collective.level', { structure: member.name, level: levelLabel(member.level) })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function FullPositions({ view, nameOf }: { view: View; nameOf: (id: number) => string }) {
  const monthText = monthLabel(view.month);
  const chart = useMemo(() => {
    const structures = [...new Set(view.positions.flatMap((p) => p.planned.map((part) => part.structure_id)))];
    return {
      labels: structures.map(nameOf),
      series: view.positions.map((position) => ({
        label: `${position.title} (${position.person_name})`,
        values: structures.map((s) => (position.planned.find((part) => part.structure_id === s)?.minutes ?? 0) / 60),
      })),
    };
  }, [view, nameOf]);
  return (
    <section aria-labelledby="collective-full">
      <h2 id="collective-full">{t('staffing.web.collective.full_title', { month: monthText })}</h2>
      {view.positions.length === 0 ? (
        <p>{t('staffing.web.collective.no_full')}</p>
      ) : (
        <>
          <ResponsiveTable<Shown>
            label={t('staffing.web.collective.full_region', { month: monthText })}
            caption={t('staffing.web.collective.full_region', { month: monthText })}
            rows={view.positions}
            rowKey={(position) => position.id}
            columns={[
              { key: 'title', label: t('staffing.web.collective.position'), rowHeader: true, cell: (p) => p.title },
              { key: 'person', label: t('staffing.web.positions.person'), cell: (p) => p.person_name },
              { key: 'kind', label: t('staffing.web.positions.kind'), cell: (p) => t(KIND_IDS[p.kind]) },
              {
                key: 'shares',
                label: t('staffing.web.collective.shares'),
                cell: (p) =>
                  p.shares.length === 0
                    ? t('staffing.web.collective.no_shares')
                    : p.shares.map((share) => `${nameOf(share.structure_id)} ${percent(share.share_bp)}`).join(', '),
              },
              {
                key: 'planned',
                label: t('staffing.web.collective.planned', { month: monthText }),
                cell: (p) =>
                  p.planned.length === 0
                    ? t('staffing.web.collective.nothing_planned')
                    : p.planned
                        .map((part) => t('staffing.web.days.at', { structure: nameOf(part.structure_id), duration: duration(part.minutes) }))
                        .join(' ; '),
              },
            ]}
          />
          <Chart
            type="bar"
            title={t('staffing.web.collective.chart', { month: monthText })}
            categoryLabel={t('staffing.web.money.structure')}
            labels={chart.labels}
            series={chart.series}
            format={(value) => duration(Math.round(value * 60))}
          />
        </>
      )}
    </section>
  );
}

function Counts({ view, nameOf }: { view: View; nameOf: (id: number) => string }) {
  const table = view.table;
  const monthText = monthLabel(view.month);
  return (
    <section aria-labelledby="collective-counts">
      <h2 id="collective-counts">{t('staffing.web.collective.counts_title', { month: monthText })}</h2>
      <p>{t('staffing.web.collective.counts_intro', { threshold: table.threshold })}</p>
      {table.rows.length === 0 ? (
        <p>{t('staffing.web.collective.no_counts')}</p>
      ) : (
        <ResponsiveTable<View['table']['rows'][number]>
          label={t('staffing.web.collective.counts_region', { month: monthText })}
          caption={t('staffing.web.collective.counts_region', { month: monthText })}
          rows={table.rows}
          rowKey={(row) => row.structure_id}
          columns={[
            { key: 'structure', label: t('staffing.web.money.structure'), rowHeader: true, cell: (row) => nameOf(row.structure_id) },
            ...table.columns.map((kind, index) => ({
              key: kind,
              label: t(KIND_IDS[kind]),
              cell: (row: View['table']['rows'][number]) => cellText(row.cells[index]),
            })),
            { key: 'total', label: t('staffing.web.collective.total'), cell: (row) => cellText(row.total) },
          ]}
        />
      )}
      {table.grand_total && <p>{t('staffing.web.collective.grand_total', { total: cellText(table.grand_total) })}</p>}
    </section>
  );
}
