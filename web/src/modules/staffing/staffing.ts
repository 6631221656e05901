// What the staffing pages compute themselves: the month before today at Paris time, a month as
// words, minutes as hours, basis points as a percentage, and the statements' totals by month.
import { formatDate, formatNumber } from '../../i18n';

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
