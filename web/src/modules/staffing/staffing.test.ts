// The staffing pages' own computations: the default month, hours, shares and monthly totals.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { hours, isMonth, monthLabel, percent, previousMonth, totalsByMonth } from './staffing';

afterEach(() => setLanguage('fr'));

describe('the default month', () => {
  it('is the month before today', () => {
    expect(previousMonth(new Date('2026-12-03T10:00:00Z'))).toBe('2026-11');
    expect(previousMonth(new Date('2026-09-15T10:00:00Z'))).toBe('2026-08');
  });

  it('goes back a year in January', () => {
    expect(previousMonth(new Date('2027-01-10T10:00:00Z'))).toBe('2026-12');
  });

  it('follows Paris time, not the device’s', () => {
    // 23:30 UTC on 31 October is already 1 November in Paris.
    expect(previousMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-10');
  });
});

describe('the figures', () => {
  it('recognises a month as the API writes it', () => {
    expect(isMonth('2026-08')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('')).toBe(false);
  });

  it('words a month, hours and shares in the page’s language', () => {
    setLanguage('fr');
    expect(monthLabel('2026-08')).toBe('août 2026');
    expect(hours(2100)).toBe('35');
    expect(hours(1290)).toBe('21,5');
    expect(percent(4000).replace(/\s/g, ' ')).toBe('40 %');
    setLanguage('en');
    expect(monthLabel('2026-08')).toBe('August 2026');
    expect(percent(3000)).toBe('30%');
  });

  it('sums the statements by month, oldest first', () => {
    expect(
      totalsByMonth([
        { month: '2026-07', total_cents: 100 },
        { month: '2026-06', total_cents: 50 },
        { month: '2026-07', total_cents: 25 },
      ]),
    ).toEqual([
      ['2026-06', 50],
      ['2026-07', 125],
    ]);
  });
});
