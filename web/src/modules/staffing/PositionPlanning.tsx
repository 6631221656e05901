// « Planning » of a shared position, as the acting structure may see it: the calendar of the
// plan (a week or a month; another structure's half-days, when it may not know where she is,
// read « ailleurs »), the agreed shares beside the planned and the worked ones, and — for the
// carrier's director or HR/finance, whom the API gives `manage_plan` — the plan's rules (a wish
// per weekday, the fixed commitments), the request to plan a period, its progress month by month,
// and its report: distance from the shares, optimality, and each share that could not be met
// with its reason. A structure that is not party to the position reads the API's refusal.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatDateTime, formatNumber, t, type MessageId } from '../../i18n';
import { Field, Form, FormErrors, FormMessages, Submit, useForm } from '../../kit/form';
import { invalidate, useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { Position } from '../../types';
import type { PageContext } from '../module';
import { CalendarControls, clockText, PlanCalendar } from './PlanCalendar';
import { calendarFromSearch, monthsOf, type CalendarRange } from './planning';
import { SharesChart } from './SharesChart';
import { dateLabel, shortDate, useStructureNames, weekdayName } from './shared';
import { addDays, currentMonth, isDay, monthLabel, structuresOn, todayInParis } from './staffing';
import type { DayRecord, PlanRules, PlanRun, PositionPlan, Shortfall, TimeView } from './types';

const REASONS: Record<Shortfall['reason'], MessageId> = {
  opening_hours: 'staffing.web.plan.reason.opening_hours',
  commitments: 'staffing.web.plan.reason.commitments',
  past: 'staffing.web.plan.reason.past',
  time_limit: 'staffing.web.plan.reason.time_limit',
  other_shares: 'staffing.web.plan.reason.other_shares',
};

const RUN_STATES: Record<PlanRun['state'], MessageId> = {
  queued: 'staffing.web.plan.state.queued',
  solving: 'staffing.web.plan.state.solving',
  done: 'staffing.web.plan.state.done',
  failed: 'staffing.web.plan.state.failed',
};

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** How often a run being solved is asked again. */
const POLL_MS = 1000;

const halfDays = (n: number) => formatNumber(n, { maximumFractionDigits: 2 });

async function timeOf(positionId: number, range: CalendarRange): Promise<DayRecord[]> {
  const months = await Promise.all(
    monthsOf(range).map((month) => api.get<TimeView>(`/api/v1/staffing/positions/${positionId}/time?month=${month}`)),
  );
  return months.flatMap((month) => month.days);
}

export default function PositionPlanning({ params, location, session }: PageContext) {
  const id = Number(params.id);
  const today = todayInParis();
  const { range, site, valid } = calendarFromSearch(location.search, today);
  const path = `/postes/${params.id}/planning`;
  const position = useQuery<Position>(`/api/v1/staffing/positions/${id}`);
  const planKey = `/api/v1/staffing/positions/${id}/plan?from=${range.first}&to=${range.last}`;
  const plan = useQuery<PositionPlan>(position.data ? planKey : null);
  // The hours worked, where the acting structure may read them (else the chart leaves them out).
  const records = useQuery<DayRecord[]>(position.data ? `/api/v1/staffing/positions/${id}/time#${range.first}:${range.last}` : null, {
    load: () => timeOf(id, range),
  });
  const nameOf = useStructureNames();
  const data = position.data;
  const manages = plan.data?.actions.includes('manage_plan') ?? false;
  const seesAll =
    data !== undefined && data.kind === 'lending' && data.carrier_id === session.acting_structure_id && records.data !== undefined;
  const parties = data ? [...new Set([...structuresOn(data, range.first), ...structuresOn(data, range.last)])] : [];

  return (
    <div>
      <p class="eyebrow">
        <a href="/postes">{t('staffing.web.nav.positions')}</a>
      </p>
      <PageHeading title={data ? t('staffing.web.plan.position_title', { title: data.title }) : t('staffing.web.plan.title')} />
      {!valid && <p class="notice notice-info">{t('staffing.web.plan.bad_address')}</p>}
      {position.error?.status === 404 || position.error?.status === 403 ? (
        <p class="notice notice-info">{position.error.message}</p>
      ) : (
        <LoadState resource={position} what={t('staffing.web.positions.what')} />
      )}
      {data && (
        <>
          <p>{t('staffing.web.plan.position_intro', { person: data.person_name })}</p>
          <CalendarControls path={path} range={range} today={today} site={site} sites={parties} nameOf={nameOf} />
          {plan.data ? (
            <PlanCalendar
              range={range}
              halfDays={plan.data.half_days}
              site={site}
              today={today}
              label={t('staffing.web.plan.position_region', { title: data.title })}
              nameOf={nameOf}
            />
          ) : (
            <LoadState resource={plan} what={t('staffing.web.plan.what')} />
          )}
          {plan.data && (records.data || records.error) && (
            <section aria-labelledby="position-shares">
              <h2 id="position-shares">{t('staffing.web.plan.shares_title')}</h2>
              <p>{t(seesAll ? 'staffing.web.plan.shares_intro' : 'staffing.web.plan.shares_intro_party')}</p>
              <SharesChart
                position={data}
                range={range}
                halfDays={plan.data.half_days}
                records={records.data ?? []}
                seesAll={seesAll}
                nameOf={nameOf}
              />
            </section>
          )}
          {manages && plan.data && <Planner position={data} plan={plan.data} parties={parties} nameOf={nameOf} />}
          {manages && <Rules position={data} parties={parties} nameOf={nameOf} />}
        </>
      )}
    </div>
  );
}

/** The first and last days of the month after today's (what a new plan usually covers). */
function nextMonth(): { first: string; last: string } {
  const first = addDays(`${currentMonth()}-01`, 32).slice(0, 7) + '-01';
  return { first, last: addDays(addDays(first, 32).slice(0, 7) + '-01', -1) };
}

function Planner({
  position,
  plan,
  parties,
  nameOf,
}: {
  position: Position;
  plan: PositionPlan;
  parties: number[];
  nameOf: (id: number) => string;
}) {
  const proposed = nextMonth();
  const [first, setFirst] = useState(proposed.first);
  const [last, setLast] = useState(proposed.last);
  const [from, setFrom] = useState('');
  const [runId, setRunId] = useState<number | null>(plan.runs[0]?.id ?? null);
  const form = useForm({
    id: `plan-${position.id}`,
    validate: () => {
      const errors: Record<string, string> = {};
      if (!isDay(first)) errors.first = t('staffing.web.error.day');
      if (!isDay(last)) errors.last = t('staffing.web.error.day');
      if (from !== '' && !isDay(from)) errors.plan_from = t('staffing.web.error.day');
      return Object.keys(errors).length > 0 ? errors : null;
    },
    action: async () => {
      const run = await api.post<PlanRun>(`/api/v1/staffing/positions/${position.id}/plans`, {
        first,
        last,
        ...(from !== '' ? { plan_from: from } : {}),
      });
      setRunId(run.id);
      return t('staffing.web.plan.requested', { from: dateLabel(first), to: dateLabel(last, true) });
    },
  });
  return (
    <section class="section-box" aria-labelledby={`planner-${position.id}`}>
      <h2 id={`planner-${position.id}`}>{t('staffing.web.plan.planner_title')}</h2>
      <p>{t('staffing.web.plan.planner_intro', { parties: parties.map(nameOf).join(', ') })}</p>
      <Form form={form} label={t('staffing.web.plan.planner_title')}>
        <div class="form-row">
          <Field name="first" label={t('staffing.web.plan.first')}>
            {(props) => <input {...props} type="date" required value={first} onInput={(e) => setFirst(e.currentTarget.value)} />}
          </Field>
          <Field name="last" label={t('staffing.web.plan.last')}>
            {(props) => <input {...props} type="date" required value={last} onInput={(e) => setLast(e.currentTarget.value)} />}
          </Field>
          <Field name="plan_from" label={t('staffing.web.plan.plan_from')} hint={t('staffing.web.plan.plan_from_hint')}>
            {(props) => <input {...props} type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}
          </Field>
        </div>
        <FormMessages />
        <Submit>{t('staffing.web.plan.request')}</Submit>
      </Form>
      {runId !== null && <RunReport key={runId} runId={runId} nameOf={nameOf} />}
      {plan.runs.length > 0 && <Runs runs={plan.runs} />}
    </section>
  );
}

/** A run's progress while it is solved, then its report; the calendar is asked again once done. */
function RunReport({ runId, nameOf }: { runId: number; nameOf: (id: number) => string }) {
  const key = `/api/v1/staffing/plans/${runId}`;
  const run = useQuery<PlanRun>(key);
  const state = run.data?.state;
  const pending = state === 'queued' || state === 'solving';
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => invalidate(key), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, run.data]);
  useEffect(() => {
    if (state === 'done' && run.data) invalidate(`/api/v1/staffing/positions/${run.data.position_id}/plan`, '/api/v1/me/plan');
  }, [state]);
  if (!run.data) return <LoadState resource={run} what={t('staffing.web.plan.run_what')} />;
  const view = run.data;
  return (
    <div class="plan-run" aria-labelledby={`run-${view.id}`} role="region">
      <h3 id={`run-${view.id}`}>
        {t('staffing.web.plan.run_title', { id: view.id, from: shortDate(view.first), to: shortDate(view.last) })}
      </h3>
      <p role="status">
        {t(RUN_STATES[view.state])}
        {pending && view.progress.total > 0 && <> {t('staffing.web.plan.progress', { done: view.progress.done, total: view.progress.total })}</>}
      </p>
      {pending && (
        <progress
          max={Math.max(1, view.progress.total)}
          value={view.progress.done}
          aria-label={t('staffing.web.plan.progress_label')}
        />
      )}
      {view.state === 'failed' && view.error && <p class="notice notice-error">{t(view.error as MessageId)}</p>}
      {view.state === 'done' && <RunFigures run={view} nameOf={nameOf} />}
    </div>
  );
}

function RunFigures({ run, nameOf }: { run: PlanRun; nameOf: (id: number) => string }) {
  return (
    <>
      <p>
        {t('staffing.web.plan.distance', { distance: halfDays(run.distance) })}{' '}
        {run.proven_optimal
          ? t('staffing.web.plan.proven')
          : t('staffing.web.plan.gap', { gap: formatNumber(run.worst_gap, { style: 'percent', maximumFractionDigits: 1 }) })}
      </p>
      {run.plan_from > run.first && <p>{t('staffing.web.plan.kept_before', { day: dateLabel(run.plan_from, true) })}</p>}
      {run.shortfalls.length === 0 ? (
        <p>{t('staffing.web.plan.no_shortfall')}</p>
      ) : (
        <ul class="plan-shortfalls">
          {run.shortfalls.map((shortfall) => (
            <li key={shortfall.structure_id}>
              {t('staffing.web.plan.shortfall', {
                structure: nameOf(shortfall.structure_id),
                short: shortfall.short_by,
                agreed: halfDays(shortfall.agreed_half_days),
                planned: shortfall.planned_half_days,
                open: shortfall.open_half_days,
              })}{' '}
              {t(REASONS[shortfall.reason])}
            </li>
          ))}
        </ul>
      )}
      <ResponsiveTable
        label={t('staffing.web.plan.months_region', { id: run.id })}
        caption={t('staffing.web.plan.months_region', { id: run.id })}
        rows={run.months}
        rowKey={(month) => month.month}
        columns={[
          { key: 'month', label: t('staffing.web.plan.month'), rowHeader: true, cell: (month) => monthLabel(month.month) },
          { key: 'half_days', label: t('staffing.web.plan.half_days'), cell: (month) => month.half_days },
          { key: 'largest', label: t('staffing.web.plan.largest_gap'), cell: (month) => halfDays(month.largest_gap) },
          {
            key: 'optimal',
            label: t('staffing.web.plan.optimal'),
            cell: (month) =>
              month.optimal
                ? t('staffing.web.plan.yes')
                : formatNumber(month.gap, { style: 'percent', maximumFractionDigits: 1 }),
          },
        ]}
      />
    </>
  );
}

function Runs({ runs }: { runs: PositionPlan['runs'] }) {
  return (
    <details>
      <summary>{t('staffing.web.plan.runs', { count: runs.length })}</summary>
      <ul>
        {runs.map((run) => (
          <li key={run.id}>
            {t('staffing.web.plan.run_line', {
              id: run.id,
              from: shortDate(run.first),
              to: shortDate(run.last),
              state: t(RUN_STATES[run.state]),
              at: formatDateTime(run.requested_at),
              distance: halfDays(run.distance),
            })}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The API names a new commitment's fields `commitments[3].day`: shown beside the add form's own
 * field (`day`); any other error as it comes.
 */
function fieldsOfNew(caught: unknown, index: number): never {
  const prefix = `commitments[${index}]`;
  if (caught instanceof ApiError && caught.field !== null && caught.field.startsWith(prefix)) {
    const field = caught.field.slice(prefix.length).replace(/^\./, '');
    const names: Record<string, string> = { start_minute: 'start', end_minute: 'end', structure_id: 'structure' };
    throw new FormErrors({ [names[field] ?? (field === '' ? 'day' : field)]: caught.message });
  }
  throw caught;
}

/** The plan's rules: a wish per weekday and the fixed commitments, each change sent with the version read. */
function Rules({ position, parties, nameOf }: { position: Position; parties: number[]; nameOf: (id: number) => string }) {
  const key = `/api/v1/staffing/positions/${position.id}/plan-rules`;
  const rules = useQuery<PlanRules>(key);
  if (!rules.data) return <LoadState resource={rules} what={t('staffing.web.plan.rules_what')} />;
  return <RulesForms position={position} rules={rules.data} parties={parties} nameOf={nameOf} />;
}

type Commitment = PlanRules['commitments'][number];

function RulesForms({
  position,
  rules,
  parties,
  nameOf,
}: {
  position: Position;
  rules: PlanRules;
  parties: number[];
  nameOf: (id: number) => string;
}) {
  const key = `/api/v1/staffing/positions/${position.id}/plan-rules`;
  const [wishes, setWishes] = useState<Record<number, string>>(
    Object.fromEntries(rules.preferences.map((p) => [p.weekday, String(p.structure_id)])),
  );
  const [draft, setDraft] = useState({ day: '', half: 'morning', structure: String(parties[0] ?? ''), label: '', place: '', start: '', end: '' });
  const removing = useRef<Commitment | null>(null);
  const invalidates = [key, `/api/v1/staffing/positions/${position.id}/plan`];
  // Every change sends the whole rules with the version read: a change made meanwhile by another
  // person is refused (409), not overwritten.
  const put = (commitments: Commitment[], preferences = rules.preferences) =>
    api.put<PlanRules>(key, { version: rules.version, preferences, commitments });
  const save = useForm({
    id: `rules-${position.id}`,
    invalidates,
    action: async () => {
      await put(
        rules.commitments,
        Object.entries(wishes)
          .filter(([, structure]) => structure !== '')
          .map(([weekday, structure]) => ({ weekday: Number(weekday), structure_id: Number(structure) })),
      );
      return t('staffing.web.plan.rules_saved');
    },
  });
  const remove = useForm({
    id: `remove-${position.id}`,
    invalidates,
    action: async () => {
      const target = removing.current;
      if (!target) return;
      await put(rules.commitments.filter((other) => other !== target));
      return t('staffing.web.plan.commitment_removed', { label: target.label });
    },
  });
  const minutesOf = (text: string) => {
    const found = /^([0-9]{1,2}):([0-9]{2})$/.exec(text);
    return found ? Number(found[1]) * 60 + Number(found[2]) : NaN;
  };
  const add = useForm({
    id: `commitment-${position.id}`,
    invalidates,
    validate: () => {
      const errors: Record<string, string> = {};
      if (!isDay(draft.day)) errors.day = t('staffing.web.error.day');
      if (draft.label.trim() === '') errors.label = t('staffing.web.plan.error.label');
      if (draft.place.trim() === '') errors.place = t('staffing.web.plan.error.place');
      if (Number.isNaN(minutesOf(draft.start))) errors.start = t('staffing.web.plan.error.time');
      if (Number.isNaN(minutesOf(draft.end))) errors.end = t('staffing.web.plan.error.time');
      return Object.keys(errors).length > 0 ? errors : null;
    },
    action: async () => {
      const added: Commitment = {
        day: draft.day,
        half: draft.half as Commitment['half'],
        structure_id: Number(draft.structure),
        label: draft.label.trim(),
        place: draft.place.trim(),
        start_minute: minutesOf(draft.start),
        end_minute: minutesOf(draft.end),
      };
      const index = rules.commitments.length;
      await put([...rules.commitments, added]).catch((caught) => fieldsOfNew(caught, index));
      setDraft({ ...draft, day: '', label: '', place: '' });
      return t('staffing.web.plan.commitment_added', { label: added.label });
    },
  });
  const workingWeekdays = WEEKDAYS.map((name, index) => ({ name, weekday: index + 1 })).filter(({ name }) =>
    (position.working_days as readonly string[]).includes(name),
  );
  return (
    <section class="section-box" aria-labelledby={`rules-${position.id}-title`}>
      <h2 id={`rules-${position.id}-title`}>{t('staffing.web.plan.rules_title')}</h2>
      <p>{t('staffing.web.plan.rules_intro')}</p>
      <h3>{t('staffing.web.plan.commitments')}</h3>
      {rules.commitments.length === 0 ? (
        <p>{t('staffing.web.plan.no_commitment')}</p>
      ) : (
        <ResponsiveTable<Commitment>
          label={t('staffing.web.plan.commitments')}
          caption={t('staffing.web.plan.commitments')}
          rows={rules.commitments}
          rowKey={(c) => `${c.day}:${c.half}`}
          columns={[
            {
              key: 'day',
              label: t('staffing.web.plan.day'),
              rowHeader: true,
              cell: (c) =>
                t('staffing.web.plan.commitment_when', {
                  day: dateLabel(c.day, true),
                  half: t(c.half === 'morning' ? 'staffing.web.plan.morning' : 'staffing.web.plan.afternoon'),
                }),
            },
            { key: 'label', label: t('staffing.web.plan.label'), cell: (c) => c.label },
            { key: 'where', label: t('staffing.web.plan.place'), cell: (c) => t('staffing.web.plan.commitment_where', { place: c.place, structure: nameOf(c.structure_id) }) },
            {
              key: 'hours',
              label: t('staffing.web.plan.hours'),
              cell: (c) => t('staffing.web.plan.from_to', { from: clockText(c.start_minute), to: clockText(c.end_minute) }),
            },
            {
              key: 'remove',
              label: t('staffing.web.plan.remove'),
              hiddenLabel: true,
              cell: (c) => (
                <button
                  type="button"
                  class="button small"
                  aria-busy={remove.busy ? true : undefined}
                  onClick={() => {
                    removing.current = c;
                    void remove.run();
                  }}
                >
                  {t('staffing.web.plan.remove')}
                  <span class="visually-hidden"> {c.label}, {dateLabel(c.day)}</span>
                </button>
              ),
            },
          ]}
        />
      )}
      <FormMessages form={remove} />
      <Form form={add} label={t('staffing.web.plan.add_commitment')}>
        <fieldset>
          <legend>{t('staffing.web.plan.add_commitment')}</legend>
          <div class="form-row">
            <Field name="day" label={t('staffing.web.plan.day')}>
              {(props) => <input {...props} type="date" value={draft.day} onInput={(e) => setDraft({ ...draft, day: e.currentTarget.value })} />}
            </Field>
            <Field name="half" label={t('staffing.web.plan.half')}>
              {(props) => (
                <select {...props} value={draft.half} onChange={(e) => setDraft({ ...draft, half: e.currentTarget.value })}>
                  <option value="morning">{t('staffing.web.plan.morning')}</option>
                  <option value="afternoon">{t('staffing.web.plan.afternoon')}</option>
                </select>
              )}
            </Field>
            <Field name="structure" label={t('staffing.web.money.structure')}>
              {(props) => (
                <select {...props} value={draft.structure} onChange={(e) => setDraft({ ...draft, structure: e.currentTarget.value })}>
                  {parties.map((id) => (
                    <option key={id} value={String(id)}>
                      {nameOf(id)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div class="form-row">
            <Field name="label" label={t('staffing.web.plan.label')}>
              {(props) => <input {...props} type="text" maxLength={200} value={draft.label} onInput={(e) => setDraft({ ...draft, label: e.currentTarget.value })} />}
            </Field>
            <Field name="place" label={t('staffing.web.plan.place')}>
              {(props) => <input {...props} type="text" maxLength={200} value={draft.place} onInput={(e) => setDraft({ ...draft, place: e.currentTarget.value })} />}
            </Field>
            <Field name="start" label={t('staffing.web.plan.start')}>
              {(props) => <input {...props} type="time" value={draft.start} onInput={(e) => setDraft({ ...draft, start: e.currentTarget.value })} />}
            </Field>
            <Field name="end" label={t('staffing.web.plan.end')}>
              {(props) => <input {...props} type="time" value={draft.end} onInput={(e) => setDraft({ ...draft, end: e.currentTarget.value })} />}
            </Field>
          </div>
          <FormMessages />
          <Submit class="button">{t('staffing.web.plan.add')}</Submit>
        </fieldset>
      </Form>
      <Form form={save} label={t('staffing.web.plan.rules_title')}>
        <fieldset>
          <legend>{t('staffing.web.plan.wishes')}</legend>
          <div class="form-row">
            {workingWeekdays.map(({ weekday }) => (
              <Field key={weekday} name={`wish-${weekday}`} label={weekdayName(weekday)}>
                {(props) => (
                  <select {...props} value={wishes[weekday] ?? ''} onChange={(e) => setWishes({ ...wishes, [weekday]: e.currentTarget.value })}>
                    <option value="">{t('staffing.web.plan.no_wish')}</option>
                    {parties.map((id) => (
                      <option key={id} value={String(id)}>
                        {nameOf(id)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
        </fieldset>
        <FormMessages />
        <Submit>{t('staffing.web.plan.save_rules')}</Submit>
      </Form>
    </section>
  );
}
