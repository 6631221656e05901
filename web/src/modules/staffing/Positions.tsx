// The shared positions the acting structure is party to: each one's person, kind and
// agreements; and, for a lent position the acting structure carries, a month of money: the
// month's cost, its allocation between the structures (a table and a chart) and the issuing of
// the month's statements, the salary history with a salary change, the month's payroll. A party
// that is not the carrier is refused the money (403): the page then shows no money section at
// all. The carrier's director and HR/finance find the link to its settings here.
import { useMemo, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatDate, formatMoney, t, type MessageId } from '../../i18n';
import { Chart } from '../../kit/Chart';
import { FormMessages, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { Agreement, AllocationPart, CostView, Items, Position, Statement } from '../../types';
import type { PageContext } from '../module';
import { PayrollForm, SalaryForm, SalaryHistory } from './MoneyForms';
import { MonthField, useStructureNames } from './shared';
import { hours, monthLabel, percent, previousMonth } from './staffing';

const POSITIONS = '/api/v1/staffing/positions';

const KINDS: Record<Position['kind'], MessageId> = {
  lending: 'staffing.web.kind.lending',
  multi_employer: 'staffing.web.kind.multi_employer',
};

const STATES: Record<Agreement['state'], MessageId> = {
  draft: 'staffing.web.state.draft',
  partially_signed: 'staffing.web.state.partially_signed',
  in_force: 'staffing.web.state.in_force',
  ended: 'staffing.web.state.ended',
};

function Agreements({ agreements, nameOf }: { agreements: Agreement[]; nameOf: (id: number) => string }) {
  if (agreements.length === 0) return <p>{t('staffing.web.positions.no_agreement')}</p>;
  return (
    <ul class="agreements">
      {agreements.map((agreement) => (
        <li key={agreement.id}>
          {t('staffing.web.positions.agreement', {
            id: agreement.id,
            from: formatDate(`${agreement.starts_on}T12:00:00Z`),
            to: formatDate(`${agreement.ends_on}T12:00:00Z`),
            state: t(STATES[agreement.state]),
          })}{' '}
          {t('staffing.web.positions.shares', {
            shares: agreement.shares.map((share) => `${nameOf(share.structure_id)} ${percent(share.share_bp)}`).join(', '),
          })}
        </li>
      ))}
    </ul>
  );
}

function IssuedNumbers({ statements }: { statements: Pick<Statement, 'id' | 'number'>[] }) {
  if (statements.length === 0) return null;
  return <p>{t('staffing.web.money.issued_list', { numbers: statements.map((s) => s.number).join(', ') })}</p>;
}

function MonthMoney({ position, month, nameOf }: { position: Position; month: string; nameOf: (id: number) => string }) {
  const key = `/api/v1/staffing/positions/${position.id}/costs?month=${month}`;
  const costs = useQuery<CostView>(key);
  const issue = useForm({
    id: `issue-${position.id}`,
    action: async () => {
      const agreement = costs.data?.allocation?.agreement_id;
      if (agreement === undefined) return;
      const issued = await api.post<Items<Statement>>(`/api/v1/staffing/agreements/${agreement}/statements`, { month });
      return t('staffing.web.money.issued', {
        count: issued.items.length,
        numbers: issued.items.map((s) => s.number).join(', '),
      });
    },
    invalidates: [`/api/v1/staffing/positions/${position.id}/costs`, '/api/v1/staffing/statements'],
  });
  const parts = costs.data?.allocation?.structures ?? [];
  const labels = useMemo(() => parts.map((part) => nameOf(part.structure_id)), [parts, nameOf]);
  const series = useMemo(
    () => [{ label: t('staffing.web.money.due'), values: parts.map((part) => part.due_cents / 100) }],
    [parts],
  );

  // Not the carrier's director or HR/finance: no money here.
  if (costs.error?.status === 403) return null;
  if (!costs.data) return <LoadState resource={costs} what={t('staffing.web.money.what')} />;
  const view = costs.data;
  const cost = view.cost;
  const allocation = view.allocation;
  return (
    <>
      {view.cost_problem && (
        <p class="notice notice-info">{t('staffing.web.money.cost_problem', { message: view.cost_problem.message })}</p>
      )}
      {cost && (
        <table class="figures">
          <caption>{t('staffing.web.money.cost_caption', { month: monthLabel(month) })}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('staffing.web.money.gross')}</th>
              <td>{formatMoney(cost.gross_salary_cents)}</td>
            </tr>
            <tr>
              <th scope="row">{t('staffing.web.money.contributions')}</th>
              <td>{formatMoney(cost.employer_contributions_cents)}</td>
            </tr>
            <tr>
              <th scope="row">{t('staffing.web.money.refunds')}</th>
              <td>− {formatMoney(cost.sick_pay_refunds_cents)}</td>
            </tr>
            {cost.subsidies.map((subsidy, index) => (
              <tr key={index}>
                <th scope="row">{t('staffing.web.money.subsidy', { label: subsidy.label })}</th>
                <td>− {formatMoney(subsidy.amount_cents)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('staffing.web.money.net')}</th>
              <td>
                <strong>{formatMoney(cost.net_cents)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      )}
      {cost && <p>{t(cost.source === 'actual' ? 'staffing.web.money.source_actual' : 'staffing.web.money.source_estimate')}</p>}
      {view.allocation_problem && (
        <p class="notice notice-info">
          {t('staffing.web.money.allocation_problem', { message: view.allocation_problem.message })}
        </p>
      )}
      {view.unrecorded_days > 0 && (
        <p class="notice notice-info">{t('staffing.web.money.unrecorded', { count: view.unrecorded_days })}</p>
      )}
      {allocation && (
        <>
          <h3>{t('staffing.web.money.allocation_title', { month: monthLabel(month) })}</h3>
          <ResponsiveTable<AllocationPart>
            label={t('staffing.web.money.allocation_region', { title: position.title })}
            caption={t('staffing.web.money.allocation_region', { title: position.title })}
            rows={allocation.structures}
            rowKey={(part) => part.structure_id}
            columns={[
              { key: 'structure', label: t('staffing.web.money.structure'), rowHeader: true, cell: (part) => nameOf(part.structure_id) },
              { key: 'worked', label: t('staffing.web.money.worked'), cell: (part) => hours(part.worked_minutes) },
              { key: 'absence', label: t('staffing.web.money.absence'), cell: (part) => hours(part.absence_minutes) },
              { key: 'share', label: t('staffing.web.money.share'), cell: (part) => percent(part.share_bp) },
              { key: 'travel', label: t('staffing.web.money.travel'), cell: (part) => formatMoney(part.travel_cents) },
              { key: 'due', label: t('staffing.web.money.due'), cell: (part) => formatMoney(part.due_cents) },
            ]}
          />
          <p>{t('staffing.web.money.total', { total: formatMoney(allocation.total_cents), travel: formatMoney(allocation.travel_cents) })}</p>
          <Chart
            type="bar"
            title={t('staffing.web.money.chart', { month: monthLabel(month) })}
            categoryLabel={t('staffing.web.money.structure')}
            labels={labels}
            series={series}
            format={(euros) => formatMoney(Math.round(euros * 100))}
          />
        </>
      )}
      <IssuedNumbers statements={view.statements} />
      {allocation && view.statements.length === 0 && (
        <button type="button" class="button primary" aria-busy={issue.busy ? true : undefined} onClick={() => void issue.run()}>
          {t('staffing.web.money.issue')}
        </button>
      )}
      <FormMessages form={issue} />
      <h3>{t('staffing.web.salary.title')}</h3>
      <SalaryHistory position={position} view={view} />
      <SalaryForm position={position} month={month} view={view} />
      <h3>{t('staffing.web.payroll.form', { month: monthLabel(month) })}</h3>
      <PayrollForm position={position} month={month} view={view} />
    </>
  );
}

function Money({ position, nameOf }: { position: Position; nameOf: (id: number) => string }) {
  const [month, setMonth] = useState(previousMonth);
  const inputId = `month-${position.id}`;
  return (
    <section class="money" aria-labelledby={`money-${position.id}`}>
      <h3 id={`money-${position.id}`}>{t('staffing.web.money.title')}</h3>
      <MonthField id={inputId} month={month} onMonth={setMonth} />
      <MonthMoney key={month} position={position} month={month} nameOf={nameOf} />
    </section>
  );
}

export default function Positions({ session }: PageContext) {
  const positions = useQuery<Items<Position>>(POSITIONS);
  const nameOf = useStructureNames();
  const items = positions.data?.items ?? [];
  return (
    <div>
      <PageHeading title={t('staffing.web.nav.positions')} />
      <p>{t('staffing.web.positions.intro')}</p>
      {items.some((position) => position.carrier_id === session.acting_structure_id && can(position, 'update_position')) && (
        <p>
          <a href="/postes/reglages">{t('staffing.web.positions.settings_link')}</a>
        </p>
      )}
      <LoadState resource={positions} what={t('staffing.web.positions.what')} />
      {positions.data && items.length === 0 && <p>{t('staffing.web.positions.none')}</p>}
      {items.map((position) => (
        <section key={position.id} class="position" aria-labelledby={`position-${position.id}`}>
          <h2 id={`position-${position.id}`}>{position.title}</h2>
          <dl class="facts">
            <dt>{t('staffing.web.positions.person')}</dt>
            <dd>{position.person_name}</dd>
            <dt>{t('staffing.web.positions.kind')}</dt>
            <dd>{t(KINDS[position.kind])}</dd>
            <dt>{t('staffing.web.positions.carrier')}</dt>
            <dd>{nameOf(position.carrier_id)}</dd>
          </dl>
          <p>
            <a href={`/postes/${position.id}/planning`}>
              {t('staffing.web.plan.link')}
              <span class="visually-hidden"> {position.title}</span>
            </a>
          </p>
          {position.kind === 'lending' && <Agreements agreements={position.agreements} nameOf={nameOf} />}
          {position.kind === 'lending' && position.carrier_id === session.acting_structure_id && (
            <Money position={position} nameOf={nameOf} />
          )}
        </section>
      ))}
    </div>
  );
}
