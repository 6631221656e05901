// The staffing pages' own computations: the default month, hours, shares and monthly totals; the
// days and ISO weeks of « Mes journées », the loading of a week across positions, the structures
// of a day; durations and amounts as people type them.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import {
  addDays,
  contractDayMinutes,
  currentMonth,
  hours,
  isDay,
  isMonth,
  isoWeekOf,
  isoWeekText,
  isoWeekday,
  isWorkingDay,
  loadWeek,
  minutesByStructure,
  monthLabel,
  mondayOf,
  mondayOfIsoWeek,
  monthsOfWeek,
  parseDuration,
  parseScaled,
  percent,
  previousMonth,
  scaledInput,
  splitMinutes,
  structuresOn,
  todayInParis,
  totalsByMonth,
  weekDays,
  weekFromSearch,
  weekMinutes,
} from './staffing';
import { position } from './test-positions';
import type { DayRecord } from './types';

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

describe('days and ISO weeks', () => {
  it('recognises days that exist', () => {
    expect(isDay('2026-09-14')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-9-14')).toBe(false);
    expect(isDay('')).toBe(false);
  });

  it('counts days across months, years and summer time', () => {
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the weekday and the Monday of a week', () => {
    expect(isoWeekday('2026-09-14')).toBe(1);
    expect(isoWeekday('2026-09-20')).toBe(7);
    expect(mondayOf('2026-09-16')).toBe('2026-09-14');
    expect(mondayOf('2026-09-20')).toBe('2026-09-14');
    expect(mondayOf('2026-09-14')).toBe('2026-09-14');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(weekDays('2026-11-30')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
  });

  it('numbers weeks as ISO 8601 does', () => {
    expect(isoWeekOf('2026-09-14')).toEqual({ year: 2026, week: 38 });
    expect(isoWeekText('2026-09-20')).toBe('2026-W38');
    // 1 January 2026 is a Thursday: week 1 starts on 29 December 2025.
    expect(isoWeekText('2025-12-29')).toBe('2026-W01');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026, the 53rd.
    expect(isoWeekText('2027-01-01')).toBe('2026-W53');
    expect(isoWeekText('2027-01-04')).toBe('2027-W01');
  });

  it('reads an ISO week back to its Monday, and refuses one that does not exist', () => {
    expect(mondayOfIsoWeek('2026-W38')).toBe('2026-09-14');
    expect(mondayOfIsoWeek('2026-W01')).toBe('2025-12-29');
    expect(mondayOfIsoWeek('2026-W53')).toBe('2026-12-28');
    expect(mondayOfIsoWeek('2027-W53')).toBeNull();
    expect(mondayOfIsoWeek('2026-W00')).toBeNull();
    expect(mondayOfIsoWeek('2026-38')).toBeNull();
    for (const day of ['2026-01-01', '2026-06-30', '2026-12-31', '2027-01-03', '2029-12-31']) {
      expect(mondayOfIsoWeek(isoWeekText(day))).toBe(mondayOf(day));
    }
  });

  it('takes the week from the address: ?semaine=, else ?du=, else this week', () => {
    const today = '2026-12-03';
    expect(weekFromSearch(new URLSearchParams('semaine=2026-W38'), today)).toEqual({ monday: '2026-09-14', valid: true });
    expect(weekFromSearch(new URLSearchParams('du=2026-09-16'), today)).toEqual({ monday: '2026-09-14', valid: true });
    expect(weekFromSearch(new URLSearchParams(''), today)).toEqual({ monday: '2026-11-30', valid: true });
    expect(weekFromSearch(new URLSearchParams('semaine=2026-W60'), today)).toEqual({ monday: '2026-11-30', valid: false });
    expect(weekFromSearch(new URLSearchParams('du=2026-02-30'), today)).toEqual({ monday: '2026-11-30', valid: false });
  });

  it('lists the months a week touches', () => {
    expect(monthsOfWeek('2026-09-14')).toEqual(['2026-09']);
    expect(monthsOfWeek('2026-11-30')).toEqual(['2026-11', '2026-12']);
    expect(monthsOfWeek('2026-12-28')).toEqual(['2026-12', '2027-01']);
  });

  it('takes today at Paris time, not the device’s', () => {
    expect(todayInParis(new Date('2026-12-03T10:00:00Z'))).toBe('2026-12-03');
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(todayInParis(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(currentMonth(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12');
  });
});

describe('durations and amounts as typed', () => {
  it('splits and reads hours and minutes', () => {
    expect(splitMinutes(210)).toEqual({ hours: 3, minutes: 30 });
    expect(splitMinutes(420)).toEqual({ hours: 7, minutes: 0 });
    expect(parseDuration('3', '30')).toBe(210);
    expect(parseDuration(' 7 ', '')).toBe(420);
    expect(parseDuration('', '')).toBe(0);
    expect(parseDuration('', '45')).toBe(45);
    expect(parseDuration('3', '60')).toBeNull();
    expect(parseDuration('3,5', '')).toBeNull();
    expect(parseDuration('-1', '')).toBeNull();
    expect(parseDuration('25', '')).toBeNull();
  });

  it('reads French amounts: a comma or a point, spaces between thousands', () => {
    expect(parseScaled('2 240,50', 2, 'fr')).toBe(224050);
    expect(parseScaled('2\u202f240,5 €', 2, 'fr')).toBe(224050);
    expect(parseScaled('2240.50', 2, 'fr')).toBe(224050);
    expect(parseScaled('2240', 2, 'fr')).toBe(224000);
    expect(parseScaled('42,5 %', 2, 'fr')).toBe(4250);
    expect(parseScaled('0,636', 3, 'fr')).toBe(636);
    expect(parseScaled('3,4', 3, 'fr')).toBe(3400);
  });

  it('reads English amounts: commas group thousands', () => {
    expect(parseScaled('2,240.50', 2, 'en')).toBe(224050);
    expect(parseScaled('0.636', 3, 'en')).toBe(636);
    expect(parseScaled('1,000,000', 2, 'en')).toBe(100000000);
  });

  it('refuses what is not an amount, and more decimals than it holds rather than rounding', () => {
    expect(parseScaled('', 2, 'fr')).toBeNull();
    expect(parseScaled('deux mille', 2, 'fr')).toBeNull();
    expect(parseScaled('-5', 2, 'fr')).toBeNull();
    expect(parseScaled('2,345', 2, 'fr')).toBeNull();
    expect(parseScaled('1,2,3', 2, 'fr')).toBeNull();
  });

  it('writes an amount back as an input’s value in the language', () => {
    expect(scaledInput(224050, 2, 'fr')).toBe('2240,50');
    expect(scaledInput(5, 2, 'en')).toBe('0.05');
    expect(scaledInput(636, 3, 'fr')).toBe('0,636');
    expect(scaledInput(4200, 2, 'fr')).toBe('42,00');
    for (const cents of [0, 1, 99, 224050]) expect(parseScaled(scaledInput(cents, 2, 'fr'), 2, 'fr')).toBe(cents);
  });
});

describe('the structures and working days of a position', () => {
  it('gives a lent position’s day to the parties of the agreement that governs it', () => {
    expect(structuresOn(position(), '2026-09-14')).toEqual([1, 6, 7]);
    // Outside the agreement: the carrier alone.
    expect(structuresOn(position(), '2027-01-04')).toEqual([1]);
  });

  it('ignores an agreement not signed by all, and one ended early', () => {
    const draft = position();
    draft.agreements[0].state = 'partially_signed';
    expect(structuresOn(draft, '2026-09-14')).toEqual([1]);
    const ended = position();
    ended.agreements[0].state = 'ended';
    ended.agreements[0].ended_on = '2026-10-01';
    expect(structuresOn(ended, '2026-09-30')).toEqual([1, 6, 7]);
    expect(structuresOn(ended, '2026-10-01')).toEqual([1]);
  });

  it('gives a multi-employer post’s day to its employers', () => {
    const hr = position({
      kind: 'multi_employer',
      agreements: [],
      employments: [
        { structure_id: 1, weekly_minutes: 1260 },
        { structure_id: 3, weekly_minutes: 840 },
      ],
    });
    expect(structuresOn(hr, '2026-09-14')).toEqual([1, 3]);
    expect(contractDayMinutes(hr)).toBe(420);
  });

  it('knows the working days and a day of contract', () => {
    expect(isWorkingDay(position(), '2026-09-18')).toBe(true);
    expect(isWorkingDay(position(), '2026-09-19')).toBe(false);
    expect(contractDayMinutes(position())).toBe(420);
    expect(contractDayMinutes(position({ working_days: [] }))).toBe(0);
  });
});

describe('the week across positions', () => {
  const day = (text: string, entries: DayRecord['entries'], absence: DayRecord['absence'] = null): DayRecord => ({
    day: text,
    entries,
    absence,
    worked_minutes: entries.reduce((sum, entry) => sum + entry.minutes, 0),
  });

  it('asks each month the week touches once per position, and places each record on its day', async () => {
    const asked: string[] = [];
    const records: Record<string, DayRecord[]> = {
      '1:2026-11': [day('2026-11-30', [{ structure_id: 1, minutes: 420 }])],
      '1:2026-12': [
        day('2026-12-01', [
          { structure_id: 7, minutes: 210 },
          { structure_id: 1, minutes: 210 },
        ]),
      ],
      '2:2026-12': [day('2026-12-01', [{ structure_id: 1, minutes: 60 }], { kind: 'training', minutes: 120 })],
    };
    const week = await loadWeek([position(), position({ id: 2, title: 'Autre poste' })], '2026-11-30', async (id, month) => {
      asked.push(`${id}:${month}`);
      return records[`${id}:${month}`] ?? [];
    });
    expect(asked.sort()).toEqual(['1:2026-11', '1:2026-12', '2:2026-11', '2:2026-12']);
    expect(week.monday).toBe('2026-11-30');
    expect(week.days.map((d) => d.day)).toEqual(weekDays('2026-11-30'));
    const tuesday = week.days[1];
    expect(tuesday.parts.map((part) => part.position.id)).toEqual([1, 2]);
    expect(tuesday.parts[1].record?.absence).toEqual({ kind: 'training', minutes: 120 });
    expect(minutesByStructure(tuesday)).toEqual([
      [7, 210],
      [1, 270],
    ]);
    expect(tuesday.parts[0].structures).toEqual([1, 6, 7]);
    expect(week.days[5].parts[0]).toMatchObject({ record: null, working: false });
    expect(weekMinutes(week)).toBe(420 + 420 + 60);
  });
});
