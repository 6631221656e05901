// The plan's calendar without the page: the days of a week and of a month, the address that asks
// for them, the half-days by day and site, and the agreed shares beside the planned and worked.
import { describe, expect, it } from 'vitest';
import type { Position } from '../../types';
import {
  agreedShares,
  calendarFromSearch,
  calendarHref,
  compareShares,
  halfDaysByDay,
  monthsOf,
  monthWeeks,
  moveRange,
  plannedMinutes,
  rangeOf,
} from './planning';
import { position } from './test-positions';
import type { DayRecord, PlannedHalfDay } from './types';

const lent = position();

const shared: Position = {
  ...lent,
  id: 2,
  kind: 'multi_employer',
  title: 'Responsable RH',
  employments: [
    { structure_id: 1, weekly_minutes: 1050 },
    { structure_id: 9, weekly_minutes: 1050 },
  ],
  agreements: [],
};

function half(day: string, which: 'morning' | 'afternoon', structure: number | null, positionId = 1): PlannedHalfDay {
  return {
    position_id: positionId,
    day,
    half: which,
    structure_id: structure,
    start_minute: which === 'morning' ? 540 : 810,
    end_minute: which === 'morning' ? 750 : 1020,
    commitment: null,
  };
}

describe('the range a calendar shows', () => {
  it('is the Monday to Sunday of a week, whatever the day', () => {
    expect(rangeOf('week', '2026-12-03')).toEqual({ view: 'week', first: '2026-11-30', last: '2026-12-06' });
    expect(rangeOf('week', '2026-11-30')).toEqual({ view: 'week', first: '2026-11-30', last: '2026-12-06' });
  });

  it('is the whole month, February of a leap year included', () => {
    expect(rangeOf('month', '2026-12-17')).toEqual({ view: 'month', first: '2026-12-01', last: '2026-12-31' });
    expect(rangeOf('month', '2028-02-10').last).toBe('2028-02-29');
    expect(rangeOf('month', '2027-02-10').last).toBe('2027-02-28');
  });

  it('moves by a week or a month, across a year', () => {
    expect(moveRange(rangeOf('week', '2026-12-29'), 1).first).toBe('2027-01-04');
    expect(moveRange(rangeOf('month', '2026-12-05'), 1)).toEqual({ view: 'month', first: '2027-01-01', last: '2027-01-31' });
    expect(moveRange(rangeOf('month', '2026-03-31'), -1)).toEqual({ view: 'month', first: '2026-02-01', last: '2026-02-28' });
  });

  it('lays a month out in whole weeks from the Monday before its first day', () => {
    const weeks = monthWeeks(rangeOf('month', '2026-12-01'));
    expect(weeks).toHaveLength(5);
    expect(weeks[0][0]).toBe('2026-11-30');
    expect(weeks[4][6]).toBe('2027-01-03');
    expect(monthWeeks(rangeOf('month', '2027-02-01'))).toHaveLength(4);
  });

  it('names the months it touches', () => {
    expect(monthsOf(rangeOf('week', '2026-12-01'))).toEqual(['2026-11', '2026-12']);
    expect(monthsOf(rangeOf('month', '2026-12-01'))).toEqual(['2026-12']);
  });
});

describe('the address of a calendar', () => {
  const today = '2026-12-03';
  it('reads the view, the day and the site, and writes them back', () => {
    const read = calendarFromSearch(new URLSearchParams('vue=mois&du=2026-10-14&site=9'), today);
    expect(read).toEqual({ range: { view: 'month', first: '2026-10-01', last: '2026-10-31' }, site: 9, valid: true });
    expect(calendarHref('/mon-planning', read.range, read.site)).toBe('/mon-planning?vue=mois&du=2026-10-01&site=9');
    expect(calendarHref('/mon-planning', rangeOf('week', today), null)).toBe('/mon-planning?vue=semaine&du=2026-11-30');
  });

  it("is today's week by default", () => {
    expect(calendarFromSearch(new URLSearchParams(''), today)).toEqual({
      range: rangeOf('week', today),
      site: null,
      valid: true,
    });
  });

  it('says when a value does not read, and shows today instead', () => {
    for (const search of ['du=2026-02-30', 'vue=annee', 'site=-3', 'site=abc', 'site=0', 'du=../../etc']) {
      const read = calendarFromSearch(new URLSearchParams(search), today);
      expect(read.valid, search).toBe(false);
      expect(read.range.first <= today && today <= read.range.last, search).toBe(true);
    }
  });
});

describe('the half-days by day', () => {
  const halves = [half('2026-12-01', 'afternoon', 6), half('2026-12-01', 'morning', 1), half('2026-12-02', 'morning', null)];

  it('puts each in its day and half', () => {
    const days = halfDaysByDay(halves, null);
    expect(days.get('2026-12-01')?.morning.map((h) => h.structure_id)).toEqual([1]);
    expect(days.get('2026-12-01')?.afternoon.map((h) => h.structure_id)).toEqual([6]);
    expect(days.get('2026-12-02')?.morning.map((h) => h.structure_id)).toEqual([null]);
  });

  it('keeps only the site asked for, never the half-days of unknown place', () => {
    const days = halfDaysByDay(halves, 6);
    expect(days.get('2026-12-01')?.morning).toEqual([]);
    expect(days.get('2026-12-01')?.afternoon).toHaveLength(1);
    expect(days.has('2026-12-02')).toBe(false);
  });

  it('adds the planned minutes by site, elsewhere apart', () => {
    expect([...plannedMinutes(halves).entries()]).toEqual([
      [6, 210],
      [1, 210],
      [null, 210],
    ]);
  });
});

describe('agreed, planned and worked shares', () => {
  it('takes the governing agreement, the contracts of a multi-employer post, else the carrier', () => {
    expect([...agreedShares(lent, '2026-12-01').entries()]).toEqual([
      [1, 4000],
      [6, 3000],
      [7, 3000],
    ]);
    expect([...agreedShares(lent, '2027-06-01').entries()]).toEqual([[1, 10000]]);
    expect([...agreedShares(shared, '2026-12-01').entries()]).toEqual([
      [1, 5000],
      [9, 5000],
    ]);
  });

  it('compares them over the range, the worked share from the confirmed hours', () => {
    const range = rangeOf('week', '2026-12-01');
    const halves = [
      half('2026-12-01', 'morning', 1),
      half('2026-12-01', 'afternoon', 1),
      half('2026-12-02', 'morning', 6),
      half('2026-12-02', 'afternoon', 7),
      // another position's half-day is not this one's
      half('2026-12-03', 'morning', 9, 2),
    ];
    const records: DayRecord[] = [
      { day: '2026-12-01', entries: [{ structure_id: 1, minutes: 420 }], absence: null, worked_minutes: 420 },
      { day: '2026-12-02', entries: [{ structure_id: 6, minutes: 420 }], absence: null, worked_minutes: 420 },
      // outside the range
      { day: '2026-12-08', entries: [{ structure_id: 7, minutes: 420 }], absence: null, worked_minutes: 420 },
    ];
    expect(compareShares(lent, range, halves, records, true)).toEqual({
      structures: [1, 6, 7],
      agreed: [4000, 3000, 3000],
      planned: [5000, 2500, 2500],
      worked: [5000, 5000, 0],
    });
    expect(compareShares(lent, range, halves, records, false).worked).toBeNull();
  });

  it('counts the half-days of unknown place in the whole of the planned time', () => {
    const range = rangeOf('week', '2026-12-01');
    const halves = [half('2026-12-01', 'morning', 9, 2), half('2026-12-01', 'afternoon', null, 2)];
    expect(compareShares(shared, range, halves, [], false)).toEqual({
      structures: [1, 9],
      agreed: [5000, 5000],
      planned: [0, 5000],
      worked: null,
    });
  });
});
