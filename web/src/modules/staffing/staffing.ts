// What the staffing pages compute themselves: the month before today at Paris time, a month as
// words, minutes as hours, basis points as a percentage, the statements' totals by month; the
// days and ISO weeks of « Mes journées » and the loading of a week across all her positions;
// durations and amounts as people type them.
import { formatDate, formatNumber } from '../../i18n';
import type { Position } from '../../types';
import type { DayRecord } from './types';

const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** A month as the API writes it (2026-09). */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month before the one `now` falls in, at the centres' time (Europe/Paris). */
export function previousMonth(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  let year = Number(parts.year);
  let month = Number(parts.month) - 1;
  if (month === 0) {
    month = 12;
    year -= 1;
  }
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** « août 2026 » (mid-month, so that the month is the same at Paris time). */
export function monthLabel(month: string): string {
  if (!isMonth(month)) return month;
  return formatDate(`${month}-15T12:00:00Z`, { month: 'long', year: 'numeric' });
}

/** Minutes as hours, to the hundredth (35 h, 21,5 h). */
export function hours(minutes: number): string {
  return formatNumber(minutes / 60, { maximumFractionDigits: 2 });
}

/** Basis points as a percentage: 4000 → « 40 % ». */
export function percent(basisPoints: number): string {
  return formatNumber(basisPoints / 10000, { style: 'percent', maximumFractionDigits: 2 });
}

/** The sum of the amounts by month, oldest month first. */
export function totalsByMonth(items: readonly { month: string; total_cents: number }[]): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.month, (totals.get(item.month) ?? 0) + item.total_cents);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Days and weeks. A day is an ISO date (2026-09-14) and is computed in UTC from its text, so that
// neither the device's time zone nor summer time moves it.

const DAY = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
const ISO_WEEK = /^([0-9]{4})-W(0[1-9]|[1-4][0-9]|5[0-3])$/;
const MS_PER_DAY = 86_400_000;

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A day as the API writes it (2026-09-14), and one that exists (not 2026-02-30). */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  return fromUtc(toUtc(value)) === value;
}

/** The day `count` days after `day` (before when negative). */
export function addDays(day: string, count: number): string {
  return fromUtc(new Date(toUtc(day).getTime() + count * MS_PER_DAY));
}

/** 1 for Monday to 7 for Sunday (ISO 8601). */
export function isoWeekday(day: string): number {
  const weekday = toUtc(day).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The Monday of the week `day` falls in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The seven days of the week that starts on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The ISO week of a day, as its year and number (2026-09-14 → 2026, 38). */
export function isoWeekOf(day: string): { year: number; week: number } {
  // The week belongs to the year of its Thursday.
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstThursday = addDays(mondayOf(`${year}-01-04`), 3);
  const week = Math.round((toUtc(thursday).getTime() - toUtc(firstThursday).getTime()) / (7 * MS_PER_DAY)) + 1;
  return { year, week };
}

/** « 2026-W38 », as ?semaine= writes it. */
export function isoWeekText(day: string): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week (2026-W38 → 2026-09-14), or null for a week that does not exist. */
export function mondayOfIsoWeek(text: string): string | null {
  const found = ISO_WEEK.exec(text);
  if (!found) return null;
  const year = Number(found[1]);
  const week = Number(found[2]);
  const monday = addDays(mondayOf(`${year}-01-04`), (week - 1) * 7);
  // A year has 52 or 53 weeks: week 53 of a year of 52 is refused, not moved to the next year.
  return isoWeekOf(monday).year === year ? monday : null;
}

/** Today at the centres' time (Europe/Paris), whatever the device says. */
export function todayInParis(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(now)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The month `now` falls in, at Paris time (2026-12). */
export function currentMonth(now: Date = new Date()): string {
  return todayInParis(now).slice(0, 7);
}

/**
 * The Monday of the week an address asks for: ?semaine=2026-W38, else ?du=2026-09-16 (its
 * week), else today's week. `valid` is false when the address asked for a week that does not
 * exist (the page then says so and shows this week).
 */
export function weekFromSearch(search: URLSearchParams, today: string): { monday: string; valid: boolean } {
  const week = search.get('semaine');
  if (week !== null) {
    const monday = mondayOfIsoWeek(week);
    return monday ? { monday, valid: true } : { monday: mondayOf(today), valid: false };
  }
  const from = search.get('du');
  if (from !== null) {
    return isDay(from) ? { monday: mondayOf(from), valid: true } : { monday: mondayOf(today), valid: false };
  }
  return { monday: mondayOf(today), valid: true };
}

/** The months a week touches, in order (one, or two when it straddles a month's end). */
export function monthsOfWeek(monday: string): string[] {
  return [...new Set(weekDays(monday).map((day) => day.slice(0, 7)))];
}

// ---------------------------------------------------------------------------------------------
// Durations and amounts as people type them.

/** Minutes as whole hours and the minutes left (210 → 3 h 30). */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/**
 * Minutes from what was typed in an hours box and a minutes box (both empty: 0), or null when
 * either is not a whole number, or the minutes are 60 or more.
 */
export function parseDuration(hours: string, minutes: string): number | null {
  const h = hours.trim() === '' ? 0 : wholeNumber(hours);
  const m = minutes.trim() === '' ? 0 : wholeNumber(minutes);
  if (h === null || m === null || m > 59 || h > 24) return null;
  return h * 60 + m;
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^[0-9]{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * A decimal number as typed, as an integer of `scale` decimals (scale 2: euros to cents, « 2 240,50 »
 * → 224050), or null. Spaces group thousands; French takes a comma or a point for the decimals,
 * English a point (its commas group thousands). More decimals than `scale` are refused rather
 * than rounded: an amount is never changed behind the person's back.
 */
export function parseScaled(text: string, scale: number, language: 'fr' | 'en'): number | null {
  let cleaned = text.replace(/[\s\u00a0\u202f€%]/g, '');
  if (language === 'en') cleaned = cleaned.replace(/,(?=[0-9]{3}(?![0-9]))/g, '');
  else cleaned = cleaned.replace(',', '.');
  const found = /^([0-9]+)(?:\.([0-9]*))?$/.exec(cleaned);
  if (!found) return null;
  const decimals = found[2] ?? '';
  if (decimals.length > scale) return null;
  const value = Number(found[1] + decimals.padEnd(scale, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

/** An integer of `scale` decimals as an input's value in the language (224050 → « 2240,50 »). */
export function scaledInput(value: number, scale: number, language: 'fr' | 'en'): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const decimals = digits.slice(digits.length - scale);
  if (scale === 0) return sign + whole;
  return `${sign}${whole}${language === 'fr' ? ',' : '.'}${decimals}`;
}

// ---------------------------------------------------------------------------------------------
// The signed-in person's week across all her positions.

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** Whether `day` is one of the position's working days (its weekday). */
export function isWorkingDay(position: Pick<Position, 'working_days'>, day: string): boolean {
  return (position.working_days as readonly string[]).includes(WEEKDAY_NAMES[isoWeekday(day) - 1]);
}

/** A day of contract: the weekly minutes over the working days (35 h over 5 days → 420). */
export function contractDayMinutes(position: Pick<Position, 'working_days' | 'employments'>): number {
  const days = position.working_days.length;
  if (days === 0) return 0;
  const weekly = position.employments.reduce((sum, employment) => sum + employment.weekly_minutes, 0);
  return Math.floor(weekly / days);
}

/**
 * The structures she may record hours for on `day`, as the API checks it: a multi-employer
 * post's employers; for a lent position the parties of the agreement that governs the day (every
 * party signed, the day inside it and before its early end), else the carrier alone.
 */
export function structuresOn(position: Position, day: string): number[] {
  if (position.kind === 'multi_employer') return position.employments.map((employment) => employment.structure_id);
  const governing = governingAgreement(position, day);
  return governing ? governing.shares.map((share) => share.structure_id) : [position.carrier_id];
}

/** The lending agreement that governs `day`: every party signed, the day inside it and before its early end. */
export function governingAgreement(position: Position, day: string): Position['agreements'][number] | undefined {
  return position.agreements.find(
    (agreement) =>
      (agreement.state === 'in_force' || agreement.state === 'ended') &&
      agreement.starts_on <= day &&
      day <= agreement.ends_on &&
      !(agreement.ended_on && agreement.ended_on <= day),
  );
}

/**
 * One position on one day: what is recorded (null until she confirms the day), the structures
 * she may record hours for, and whether it is one of the position's working days. (The planned
 * half-days will come beside `record`.)
 */
export interface DayPart {
  position: Position;
  record: DayRecord | null;
  structures: number[];
  working: boolean;
}

export interface WeekDay {
  day: string;
  parts: DayPart[];
}

export interface WeekView {
  monday: string;
  days: WeekDay[];
}

/** Asks one position's days of one month (GET /api/v1/me/positions/{id}/days?month=…). */
export type DaysLoader = (positionId: number, month: string) => Promise<DayRecord[]>;

/** The week of `monday` across every position: each month it touches asked once per position. */
export async function loadWeek(positions: readonly Position[], monday: string, load: DaysLoader): Promise<WeekView> {
  const months = monthsOfWeek(monday);
  const recorded = new Map<string, DayRecord>();
  await Promise.all(
    positions.flatMap((position) =>
      months.map(async (month) => {
        for (const record of await load(position.id, month)) recorded.set(`${position.id}:${record.day}`, record);
      }),
    ),
  );
  return {
    monday,
    days: weekDays(monday).map((day) => ({
      day,
      parts: positions.map((position) => ({
        position,
        record: recorded.get(`${position.id}:${day}`) ?? null,
        structures: structuresOn(position, day),
        working: isWorkingDay(position, day),
      })),
    })),
  };
}

/** The minutes worked that day for each structure, across her positions, in the order met. */
export function minutesByStructure(day: WeekDay): Array<[number, number]> {
  const totals = new Map<number, number>();
  for (const part of day.parts) {
    for (const entry of part.record?.entries ?? []) {
      totals.set(entry.structure_id, (totals.get(entry.structure_id) ?? 0) + entry.minutes);
    }
  }
  return [...totals.entries()];
}

/** The minutes worked in the whole week. */
export function weekMinutes(week: WeekView): number {
  return week.days.reduce(
    (sum, day) => sum + day.parts.reduce((inner, part) => inner + (part.record?.worked_minutes ?? 0), 0),
    0,
  );
}
