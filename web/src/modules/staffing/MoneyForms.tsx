// The carrier's entries on a lent position's month: the salary history and a salary change from a
// day on (refused into a month already issued: the refusal is shown beside the day), and the
// month's payroll, which replaces the estimate. Each answer is the month's money again: the page
// asks for it afresh.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { formatMoney, t } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { CostView, Position } from '../../types';
import {
  Amounts,
  centsInput,
  conflictOnField,
  shortDate,
  SubsidyFields,
  subsidyDrafts,
  subsidyLines,
  type SubsidyDraft,
} from './shared';
import { monthLabel } from './staffing';
import type { PayrollRequest, SalaryChangeRequest } from './types';

type SalaryChange = CostView['salary_history'][number];

const costsOf = (position: Position) => `/api/v1/staffing/positions/${position.id}/costs`;

export function SalaryHistory({ position, view }: { position: Position; view: CostView }) {
  if (view.salary_history.length === 0) return <p>{t('staffing.web.salary.none')}</p>;
  return (
    <ResponsiveTable<SalaryChange>
      label={t('staffing.web.salary.history', { title: position.title })}
      caption={t('staffing.web.salary.history', { title: position.title })}
      rows={view.salary_history}
      rowKey={(change) => change.effective_from}
      columns={[
        { key: 'from', label: t('staffing.web.salary.from'), rowHeader: true, cell: (change) => shortDate(change.effective_from) },
        { key: 'gross', label: t('staffing.web.salary.gross'), cell: (change) => formatMoney(change.monthly_gross_cents) },
        {
          key: 'subsidies',
          label: t('staffing.web.salary.subsidies'),
          cell: (change) =>
            change.monthly_subsidies.length === 0
              ? t('staffing.web.subsidies.none')
              : change.monthly_subsidies.map((line) => `${line.label} ${formatMoney(line.amount_cents)}`).join(' ; '),
        },
      ]}
    />
  );
}

export function SalaryForm({ position, month, view }: { position: Position; month: string; view: CostView }) {
  const latest = view.salary_history[view.salary_history.length - 1];
  const [day, setDay] = useState(`${month}-01`);
  const [gross, setGross] = useState(latest ? centsInput(latest.monthly_gross_cents) : '');
  const [subsidies, setSubsidies] = useState<SubsidyDraft[]>(() => subsidyDrafts(latest?.monthly_subsidies ?? []));
  const form = useForm({
    id: `salary-${position.id}`,
    validate: () => (day === '' ? { day: t('staffing.web.error.day') } : null),
    action: async () => {
      const amounts = new Amounts();
      const body: SalaryChangeRequest = {
        monthly_gross_cents: amounts.cents('monthly_gross_cents', gross),
        monthly_subsidies: subsidyLines(subsidies, 'monthly_subsidies', amounts),
      };
      amounts.check();
      await api
        .put<CostView>(`/api/v1/staffing/positions/${position.id}/salary/${day}`, body)
        .catch((caught) => conflictOnField(caught, 'day'));
      return t('staffing.web.salary.saved', { day: shortDate(day) });
    },
    invalidates: [costsOf(position)],
  });
  return (
    <Form form={form} label={t('staffing.web.salary.form')}>
      <h4>{t('staffing.web.salary.form')}</h4>
      <Field name="day" label={t('staffing.web.salary.day')} hint={t('staffing.web.salary.day_hint')}>
        {(props) => <input {...props} type="date" required value={day} onInput={(e) => setDay(e.currentTarget.value)} />}
      </Field>
      <Field name="monthly_gross_cents" label={t('staffing.web.salary.gross_label')} hint={t('staffing.web.error.amount')}>
        {(props) => <input {...props} type="text" inputMode="decimal" value={gross} onInput={(e) => setGross(e.currentTarget.value)} />}
      </Field>
      <SubsidyFields field="monthly_subsidies" drafts={subsidies} onChange={setSubsidies} />
      <FormMessages />
      <Submit>{t('staffing.web.salary.submit')}</Submit>
    </Form>
  );
}

export function PayrollForm({ position, month, view }: { position: Position; month: string; view: CostView }) {
  const entered = view.payroll;
  const latest = view.salary_history[view.salary_history.length - 1];
  const [gross, setGross] = useState(entered ? centsInput(entered.gross_salary_cents) : '');
  const [contributions, setContributions] = useState(entered ? centsInput(entered.employer_contributions_cents) : '');
  const [refunds, setRefunds] = useState(entered ? centsInput(entered.sick_pay_refunds_cents) : '');
  const [subsidies, setSubsidies] = useState<SubsidyDraft[]>(() =>
    subsidyDrafts(entered?.subsidies ?? view.cost?.subsidies ?? latest?.monthly_subsidies ?? []),
  );
  const form = useForm({
    id: `payroll-${position.id}`,
    action: async () => {
      const amounts = new Amounts();
      const body: PayrollRequest = {
        gross_salary_cents: amounts.cents('gross_salary_cents', gross),
        employer_contributions_cents: amounts.cents('employer_contributions_cents', contributions),
        sick_pay_refunds_cents: amounts.cents('sick_pay_refunds_cents', refunds, false),
        subsidies: subsidyLines(subsidies, 'subsidies', amounts),
      };
      amounts.check();
      await api.put<CostView>(`/api/v1/staffing/positions/${position.id}/payroll/${month}`, body);
      return t('staffing.web.payroll.saved', { month: monthLabel(month) });
    },
    invalidates: [costsOf(position)],
  });
  return (
    <Form form={form} label={t('staffing.web.payroll.form', { month: monthLabel(month) })}>
      <p>{t(entered ? 'staffing.web.payroll.entered' : 'staffing.web.payroll.not_entered')}</p>
      <Field name="gross_salary_cents" label={t('staffing.web.payroll.gross')}>
        {(props) => <input {...props} type="text" inputMode="decimal" value={gross} onInput={(e) => setGross(e.currentTarget.value)} />}
      </Field>
      <Field name="employer_contributions_cents" label={t('staffing.web.payroll.contributions')}>
        {(props) => (
          <input {...props} type="text" inputMode="decimal" value={contributions} onInput={(e) => setContributions(e.currentTarget.value)} />
        )}
      </Field>
      <Field name="sick_pay_refunds_cents" label={t('staffing.web.payroll.refunds')} hint={t('staffing.web.payroll.refunds_hint')}>
        {(props) => <input {...props} type="text" inputMode="decimal" value={refunds} onInput={(e) => setRefunds(e.currentTarget.value)} />}
      </Field>
      <SubsidyFields field="subsidies" drafts={subsidies} onChange={setSubsidies} />
      <FormMessages />
      <Submit>{t('staffing.web.payroll.submit')}</Submit>
    </Form>
  );
}
