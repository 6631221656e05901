// The plan as a calendar across sites: a week (a row per day, morning and afternoon) or a month
// (a row per week, a cell per day), each half-day naming the structure, its hours and the fixed
// commitment if any, and the total planned at each site over the days shown. The range, the
// view and the site shown alone are in the address (?vue=mois&du=2026-11-01&site=12), so that
// a plan can be linked. Each site keeps one colour over the page, but its name is always written:
// colour never says anything alone. On a phone the tables become cards (ResponsiveTable).
import { useEffect, useRef } from 'preact/hooks';
import { formatDate, t } from '../../i18n';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { navigate } from '../../router';
import {
  calendarHref,
  halfDaysByDay,
  monthWeeks,
  moveRange,
  plannedMinutes,
  rangeOf,
  sitesOf,
  type CalendarRange,
  type PlannedDay,
} from './planning';
import { dateLabel, dayLabel, duration } from './shared';
import { isoWeekOf, monthLabel, weekDays } from './staffing';
import type { PlannedHalfDay } from './types';

/** The button that moved the calendar: it takes the focus back once the new range is shown. */
let focusAfterMove: 'previous' | 'today' | 'next' | null = null;

export function clockText(minutes: number): string {
  return t('staffing.web.plan.clock', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

export function rangeTitle(range: CalendarRange): string {
  if (range.view === 'month') return monthLabel(range.first.slice(0, 7));
  return t('staffing.web.plan.week_title', {
    week: isoWeekOf(range.first).week,
    from: dateLabel(range.first),
    to: dateLabel(range.last, true),
  });
}

export function CalendarControls({
  path,
  range,
  today,
  site,
  sites,
  nameOf,
}: {
  path: string;
  range: CalendarRange;
  today: string;
  site: number | null;
  /** The sites one may show alone (empty: no choice offered). */
  sites: number[];
  nameOf: (id: number) => string;
}) {
  const buttons = { previous: useRef<HTMLButtonElement>(null), today: useRef<HTMLButtonElement>(null), next: useRef<HTMLButtonElement>(null) };
  useEffect(() => {
    if (focusAfterMove === null) return;
    buttons[focusAfterMove].current?.focus();
    focusAfterMove = null;
  }, [range.first, range.view]);
  const go = (target: CalendarRange, which: 'previous' | 'today' | 'next') => {
    focusAfterMove = which;
    navigate(calendarHref(path, target, site), { focus: false });
  };
  const current = rangeOf(range.view, today);
  const selectId = `plan-site-${path.replace(/[^a-z0-9]/g, '-')}`;
  return (
    <>
      <h2 aria-live="polite">{rangeTitle(range)}</h2>
      <div class="week-nav">
        <nav aria-label={t('staffing.web.plan.view_nav')} class="plan-views">
          {(['week', 'month'] as const).map((view) => (
            <a
              key={view}
              class="button small"
              href={calendarHref(path, rangeOf(view, range.first), site)}
              aria-current={range.view === view ? 'page' : undefined}
            >
              {t(view === 'week' ? 'staffing.web.plan.week' : 'staffing.web.plan.month')}
            </a>
          ))}
        </nav>
        <div role="group" class="week-nav" aria-label={t('staffing.web.plan.range_nav')}>
          <button type="button" class="button" ref={buttons.previous} onClick={() => go(moveRange(range, -1), 'previous')}>
            {t(range.view === 'week' ? 'staffing.web.plan.previous_week' : 'staffing.web.plan.previous_month')}
          </button>
          <button
            type="button"
            class="button"
            ref={buttons.today}
            aria-current={current.first === range.first ? 'date' : undefined}
            onClick={() => go(current, 'today')}
          >
            {t(range.view === 'week' ? 'staffing.web.plan.this_week' : 'staffing.web.plan.this_month')}
          </button>
          <button type="button" class="button" ref={buttons.next} onClick={() => go(moveRange(range, 1), 'next')}>
            {t(range.view === 'week' ? 'staffing.web.plan.next_week' : 'staffing.web.plan.next_month')}
          </button>
        </div>
        {sites.length > 1 && (
          <div class="field">
            <label for={selectId}>{t('staffing.web.plan.site')}</label>
            <select
              id={selectId}
              value={site === null ? '' : String(site)}
              onChange={(event) => {
                const value = (event.target as HTMLSelectElement).value;
                navigate(calendarHref(path, range, value === '' ? null : Number(value)), { focus: false });
              }}
            >
              <option value="">{t('staffing.web.plan.all_sites')}</option>
              {sites.map((id) => (
                <option key={id} value={String(id)}>
                  {nameOf(id)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
    </>
  );
}

/** One planned half-day: where, when, and the commitment that fixes it. */
function HalfDay({ halfDay, nameOf, colourOf, titleOf }: HalfDayProps & { halfDay: PlannedHalfDay }) {
  const where = halfDay.structure_id === null ? t('staffing.web.plan.elsewhere') : nameOf(halfDay.structure_id);
  return (
    <span class={`plan-half ${halfDay.structure_id === null ? 'plan-elsewhere' : `plan-site-${colourOf(halfDay.structure_id)}`}`}>
      <strong>{where}</strong>{' '}
      {t('staffing.web.plan.from_to', { from: clockText(halfDay.start_minute), to: clockText(halfDay.end_minute) })}
      {titleOf && <> · {titleOf(halfDay.position_id)}</>}
      {halfDay.commitment && <span class="plan-commitment"> · {halfDay.commitment}</span>}
    </span>
  );
}

interface HalfDayProps {
  nameOf: (id: number) => string;
  /** The colour's index of a site (0 to 4). */
  colourOf: (id: number) => number;
  /** The position's title, when the calendar holds several. */
  titleOf?: (positionId: number) => string;
}

function HalfDays({ halves, empty, ...props }: HalfDayProps & { halves: PlannedHalfDay[]; empty: string }) {
  if (halves.length === 0) return <span class="plan-free">{empty}</span>;
  return (
    <ul class="plan-halves">
      {halves.map((halfDay) => (
        <li key={`${halfDay.position_id}:${halfDay.half}`}>
          <HalfDay halfDay={halfDay} {...props} />
        </li>
      ))}
    </ul>
  );
}

export function PlanCalendar({
  range,
  halfDays,
  site,
  today,
  label,
  nameOf,
  titleOf,
}: {
  range: CalendarRange;
  halfDays: readonly PlannedHalfDay[];
  site: number | null;
  today: string;
  /** Names the calendar's region and table. */
  label: string;
  nameOf: (id: number) => string;
  titleOf?: (positionId: number) => string;
}) {
  const byDay = halfDaysByDay(halfDays, site);
  // Sorted, so that a site keeps its colour from one week to the next.
  const sites = sitesOf(halfDays).sort((a, b) => a - b);
  const colourOf = (id: number) => Math.max(0, sites.indexOf(id)) % 5;
  const props: HalfDayProps = { nameOf, colourOf, titleOf };
  const empty = t('staffing.web.plan.nothing');
  const dayOf = (day: string): PlannedDay => byDay.get(day) ?? { morning: [], afternoon: [] };
  const shown = halfDays.filter((h) => site === null || h.structure_id === site);
  return (
    <>
      {range.view === 'week' ? (
        <ResponsiveTable<string>
          label={label}
          caption={label}
          rows={weekDays(range.first)}
          rowKey={(day) => day}
          rowClass={(day) => (day === today ? 'plan-today' : undefined)}
          columns={[
            {
              key: 'day',
              label: t('staffing.web.plan.day'),
              rowHeader: true,
              cell: (day) => (
                <>
                  {dayLabel(day)}
                  {day === today && <> ({t('staffing.web.days.today')})</>}
                </>
              ),
            },
            { key: 'morning', label: t('staffing.web.plan.morning'), cell: (day) => <HalfDays halves={dayOf(day).morning} empty={empty} {...props} /> },
            {
              key: 'afternoon',
              label: t('staffing.web.plan.afternoon'),
              cell: (day) => <HalfDays halves={dayOf(day).afternoon} empty={empty} {...props} />,
            },
          ]}
        />
      ) : (
        <MonthGrid range={range} today={today} dayOf={dayOf} label={label} props={props} />
      )}
      <SiteTotals halfDays={shown} nameOf={nameOf} />
    </>
  );
}

function MonthGrid({
  range,
  today,
  dayOf,
  label,
  props,
}: {
  range: CalendarRange;
  today: string;
  dayOf: (day: string) => PlannedDay;
  label: string;
  props: HalfDayProps;
}) {
  const weeks = monthWeeks(range);
  const weekdays = weeks[0];
  return (
    <ResponsiveTable<string[]>
      label={label}
      caption={label}
      class="plan-month"
      rows={weeks}
      rowKey={(week) => week[0]}
      columns={[
        {
          key: 'week',
          label: t('staffing.web.plan.week_number'),
          rowHeader: true,
          cell: (week) => t('staffing.web.plan.week_short', { week: isoWeekOf(week[0]).week }),
        },
        ...weekdays.map((_, index) => ({
          key: `d${index}`,
          label: formatDate(`${weekdays[index]}T12:00:00Z`, { weekday: 'long' }),
          cell: (week: string[]) => {
            const day = week[index];
            if (day < range.first || day > range.last) return <span class="plan-outside">{dateLabel(day)}</span>;
            const planned = dayOf(day);
            return (
              <div class={day === today ? 'plan-day plan-today' : 'plan-day'}>
                <span class="plan-date">
                  {dateLabel(day)}
                  {day === today && <> ({t('staffing.web.days.today')})</>}
                </span>
                {planned.morning.length + planned.afternoon.length === 0 ? null : (
                  <ul class="plan-halves">
                    {(['morning', 'afternoon'] as const).flatMap((half) =>
                      planned[half].map((halfDay) => (
                        <li key={`${halfDay.position_id}:${half}`}>
                          <span class="plan-half-name">
                            {t(half === 'morning' ? 'staffing.web.plan.morning_short' : 'staffing.web.plan.afternoon_short')}
                          </span>{' '}
                          <HalfDay halfDay={halfDay} {...props} />
                        </li>
                      )),
                    )}
                  </ul>
                )}
              </div>
            );
          },
        })),
      ]}
    />
  );
}

/** The hours planned at each site over the days shown. */
function SiteTotals({ halfDays, nameOf }: { halfDays: readonly PlannedHalfDay[]; nameOf: (id: number) => string }) {
  const totals = [...plannedMinutes(halfDays).entries()];
  if (totals.length === 0) return <p>{t('staffing.web.plan.empty_range')}</p>;
  return (
    <p>
      {t('staffing.web.plan.totals', {
        totals: totals
          .map(([id, minutes]) =>
            t('staffing.web.days.at', { structure: id === null ? t('staffing.web.plan.elsewhere') : nameOf(id), duration: duration(minutes) }),
          )
          .join(' ; '),
      })}
    </p>
  );
}
