// The plan's calendar without the page: which days a week or a month shows (and the address that
// asks for them), the half-days laid out by day, and the comparison of the agreed shares with
// the planned and the worked ones over the days shown. Pure, so that vitest pins it down.
import type { Position } from '../../types';
import { addDays, governingAgreement, isDay, mondayOf, weekDays } from './staffing';
import type { DayRecord, PlannedHalfDay } from './types';

export type CalendarView = 'week' | 'month';

export interface CalendarRange {
  view: CalendarView;
  /** The first day shown (a Monday for a week, the 1st for a month). */
  first: string;
  /** The last day shown, included. */
  last: string;
}

/** The days a week or a month shows around `day`. */
export function rangeOf(view: CalendarView, day: string): CalendarRange {
  if (view === 'week') {
    const first = mondayOf(day);
    return { view, first, last: addDays(first, 6) };
  }
  const first = `${day.slice(0, 7)}-01`;
  return { view, first, last: addDays(addDays(first, 31).slice(0, 7) + '-01', -1) };
}

/** The range before or after (`step` -1 or 1). */
export function moveRange(range: CalendarRange, step: -1 | 1): CalendarRange {
  if (range.view === 'week') return rangeOf('week', addDays(range.first, 7 * step));
  return rangeOf('month', step === 1 ? addDays(range.last, 1) : addDays(range.first, -1));
}

/**
 * What the address asks: ?vue=mois (else the week) and ?du=2026-11-02 (else today); `site`: a
 * structure's id whose half-days alone are shown. `valid` is false when a value did not read
 * (the page says so and shows today's week or month).
 */
export function calendarFromSearch(
  search: URLSearchParams,
  today: string,
): { range: CalendarRange; site: number | null; valid: boolean } {
  const view: CalendarView = search.get('vue') === 'mois' ? 'month' : 'week';
  const from = search.get('du');
  const siteText = search.get('site');
  const site = siteText !== null && /^[1-9][0-9]{0,15}$/.test(siteText) ? Number(siteText) : null;
  const viewValid = search.get('vue') === null || ['mois', 'semaine'].includes(search.get('vue') ?? '');
  const dayValid = from === null || isDay(from);
  return {
    range: rangeOf(view, dayValid && from !== null ? from : today),
    site,
    valid: viewValid && dayValid && (siteText === null || site !== null),
  };
}

/** The address of a range (and a site) on a page. */
export function calendarHref(path: string, range: CalendarRange, site: number | null): string {
  const params = new URLSearchParams({ vue: range.view === 'month' ? 'mois' : 'semaine', du: range.first });
  if (site !== null) params.set('site', String(site));
  return `${path}?${params.toString()}`;
}

/** The weeks of a month's grid: each a Monday and its seven days (days outside the month too). */
export function monthWeeks(range: CalendarRange): string[][] {
  const weeks: string[][] = [];
  for (let monday = mondayOf(range.first); monday <= range.last; monday = addDays(monday, 7)) {
    weeks.push(weekDays(monday));
  }
  return weeks;
}

export interface PlannedDay {
  morning: PlannedHalfDay[];
  afternoon: PlannedHalfDay[];
}

/** The half-days by day, each half in the order of the positions. */
export function halfDaysByDay(halfDays: readonly PlannedHalfDay[], site: number | null): Map<string, PlannedDay> {
  const days = new Map<string, PlannedDay>();
  for (const halfDay of halfDays) {
    if (site !== null && halfDay.structure_id !== site) continue;
    let day = days.get(halfDay.day);
    if (!day) {
      day = { morning: [], afternoon: [] };
      days.set(halfDay.day, day);
    }
    day[halfDay.half].push(halfDay);
  }
  for (const day of days.values()) {
    day.morning.sort((a, b) => a.position_id - b.position_id);
    day.afternoon.sort((a, b) => a.position_id - b.position_id);
  }
  return days;
}

/** The structures met in the half-days, in the order first met (null: elsewhere, last). */
export function sitesOf(halfDays: readonly PlannedHalfDay[]): number[] {
  return [...new Set(halfDays.flatMap((halfDay) => (halfDay.structure_id === null ? [] : [halfDay.structure_id])))];
}

/** The planned minutes by structure (null: elsewhere, for a reader who may not know where). */
export function plannedMinutes(halfDays: readonly PlannedHalfDay[]): Map<number | null, number> {
  const totals = new Map<number | null, number>();
  for (const halfDay of halfDays) {
    totals.set(halfDay.structure_id, (totals.get(halfDay.structure_id) ?? 0) + halfDay.end_minute - halfDay.start_minute);
  }
  return totals;
}

/** The agreed shares on `day`, in basis points by structure: the agreement's, or the contracts'. */
export function agreedShares(position: Position, day: string): Map<number, number> {
  const shares = new Map<number, number>();
  if (position.kind === 'multi_employer') {
    const weekly = position.employments.reduce((sum, employment) => sum + employment.weekly_minutes, 0);
    for (const employment of position.employments) {
      shares.set(employment.structure_id, weekly === 0 ? 0 : Math.round((employment.weekly_minutes * 10000) / weekly));
    }
    return shares;
  }
  const governing = governingAgreement(position, day);
  if (!governing) {
    shares.set(position.carrier_id, 10000);
    return shares;
  }
  for (const share of governing.shares) shares.set(share.structure_id, share.share_bp);
  return shares;
}

export interface ShareComparison {
  structures: number[];
  /** Basis points of the time, by structure, in the order of `structures`. */
  agreed: number[];
  planned: number[];
  /** Null when the reader does not see all the hours worked (a party that is not the carrier). */
  worked: number[] | null;
}

function basisPoints(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 10000) / whole);
}

/**
 * The agreed shares on the range's first day beside the shares of the planned half-days and of
 * the hours worked in the range. `seesAll`: the reader sees every structure's hours (the
 * person, the carrier); else the worked shares are not computed, their whole being unknown.
 */
export function compareShares(
  position: Position,
  range: CalendarRange,
  halfDays: readonly PlannedHalfDay[],
  records: readonly DayRecord[],
  seesAll: boolean,
): ShareComparison {
  const agreed = agreedShares(position, range.first);
  const planned = plannedMinutes(halfDays.filter((halfDay) => halfDay.position_id === position.id));
  const plannedWhole = [...planned.values()].reduce((sum, minutes) => sum + minutes, 0);
  const worked = new Map<number, number>();
  for (const record of records) {
    if (record.day < range.first || record.day > range.last) continue;
    for (const entry of record.entries) worked.set(entry.structure_id, (worked.get(entry.structure_id) ?? 0) + entry.minutes);
  }
  const workedWhole = [...worked.values()].reduce((sum, minutes) => sum + minutes, 0);
  const structures = [...new Set([...agreed.keys(), ...[...planned.keys()].filter((id): id is number => id !== null)])];
  return {
    structures,
    agreed: structures.map((id) => agreed.get(id) ?? 0),
    planned: structures.map((id) => basisPoints(planned.get(id) ?? 0, plannedWhole)),
    worked: seesAll ? structures.map((id) => basisPoints(worked.get(id) ?? 0, workedWhole)) : null,
  };
}

/** The months a range touches (2026-11, 2026-12), in order. */
export function monthsOf(range: CalendarRange): string[] {
  const months: string[] = [];
  for (let day = range.first; day <= range.last; day = addDays(`${day.slice(0, 7)}-01`, 32).slice(0, 7) + '-01') {
    months.push(day.slice(0, 7));
  }
  return months;
}
