// The cross table without the page: the questions offered, the address asked, the table's lines
// with their totals, and the stacked chart's shares, in which a suppressed cell (or a row whose
// total is suppressed) is a gap carrying its marker, never a value recovered from the others.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { countedStructures, crossChart, crossQuestions, crossRows, crosstabPath, percentText } from './crosstab';
import type { SurveyCrossTable, SurveyResultCell, SurveyResults } from './types';

const published = (value: number): SurveyResultCell => ({ value, label: String(value), reason: 'published' });
const small: SurveyResultCell = { value: null, label: '< 5', reason: 'below_threshold' };
const secondary: SurveyResultCell = { value: null, label: 's', reason: 'secondary' };

// « Vivez-vous seul·e ? » by « Utilisez-vous internet ? »: the unanswered row's total is
// suppressed, one small count hides a second one in its row.
const TABLE: SurveyCrossTable = {
  form_id: 12,
  threshold: 5,
  rule: 'Les cases de moins de 5 réponses sont masquées.',
  withheld: false,
  empty: false,
  rows_question: {
    path: '/data/seul',
    name: 'seul',
    label: 'Vivez-vous seul·e ?',
    columns: [
      { key: 'oui', label: 'Oui' },
      { key: 'non', label: 'Non' },
      { key: '', label: 'Sans réponse' },
    ],
  },
  columns_question: {
    path: '/data/internet',
    name: 'internet',
    label: 'Utilisez-vous internet ?',
    columns: [
      { key: 'souvent', label: 'Souvent' },
      { key: 'jamais', label: 'Jamais' },
    ],
  },
  cells: [
    [published(60), published(140)],
    [small, secondary],
    [small, secondary],
  ],
  row_totals: [published(200), published(120), small],
  column_totals: [published(110), published(212)],
  grand_total: published(322),
};

describe('the cross table', () => {
  afterEach(() => setLanguage('fr'));

  it('offers the counted single-choice questions and asks for the two chosen by name', () => {
    const results = {
      questions: [
        { name: 'seul', label: 'Vivez-vous seul·e ?', multiple: false },
        // The API crosses single-choice questions only: a multiple-choice one is not offered.
        { name: 'aides', label: 'Qui vous aide au quotidien ?', multiple: true },
        { name: 'internet', label: 'Utilisez-vous internet ?', multiple: false },
      ],
      members: [
        { structure_id: 1, name: 'Alma', level: 'full', counted: 'row' },
        { structure_id: 2, name: 'Trois Ponts', level: 'aggregates', counted: 'pooled' },
        { structure_id: 3, name: 'CCAS', level: 'aggregates', counted: 'left_out' },
        { structure_id: 4, name: 'Pile', level: 'private', counted: 'not_shared' },
      ],
    } as unknown as SurveyResults;
    expect(crossQuestions(results)).toEqual([
      { name: 'seul', label: 'Vivez-vous seul·e ?' },
      { name: 'internet', label: 'Utilisez-vous internet ?' },
    ]);
    expect(countedStructures(results)).toBe(2);
    expect(crosstabPath(12, 'seul', 'internet')).toBe('/api/v1/surveys/forms/12/crosstab?rows=seul&columns=internet');
    expect(crosstabPath(12, 'a b', 'c&d', '.xlsx')).toBe('/api/v1/surveys/forms/12/crosstab.xlsx?rows=a+b&columns=c%26d');
  });

  it('lists each row choice with its cells and total, then the totals', () => {
    const rows = crossRows(TABLE, 'Total');
    expect(rows.map((row) => [row.key, row.label, row.isTotal])).toEqual([
      ['choice-oui', 'Oui', false],
      ['choice-non', 'Non', false],
      ['choice-', 'Sans réponse', false],
      ['total', 'Total', true],
    ]);
    expect(rows[1].cells.map((cell) => cell.label)).toEqual(['< 5', 's']);
    expect(rows[2].total?.label).toBe('< 5');
    expect(rows[3].cells).toBe(TABLE.column_totals);
    expect(rows[3].total?.value).toBe(322);
    // An empty table has no questions, no cells and no grand total: only the totals' line.
    const empty = crossRows({ ...TABLE, empty: true, rows_question: undefined, cells: [], row_totals: [], grand_total: null }, 'Total');
    expect(empty).toEqual([{ key: 'total', label: 'Total', cells: TABLE.column_totals, total: null, isTotal: true }]);
  });

  it("charts each row choice's shares, suppressed cells left out with their markers", () => {
    const chart = crossChart(TABLE);
    expect(chart.labels).toEqual(['Oui', 'Non', 'Sans réponse']);
    expect(chart.series.map((series) => series.label)).toEqual(['Souvent', 'Jamais']);
    expect(chart.series[0].values).toEqual([30, null, null]);
    expect(chart.series[1].values).toEqual([70, null, null]);
    expect(chart.series[0].texts).toEqual([percentText(30), '< 5', '< 5']);
    expect(chart.series[1].texts).toEqual([percentText(70), 's', 's']);
    expect(chart.gaps).toBe(true);
    expect(percentText(100 / 3)).toBe('33\u00a0%');
    setLanguage('en');
    expect(crossChart(TABLE).series[0].texts?.[0]).toBe('30%');
  });

  it('draws a whole table without gaps, and a choice nobody gave as nothing', () => {
    const whole: SurveyCrossTable = {
      ...TABLE,
      cells: [
        [published(60), published(140)],
        [published(50), published(70)],
        [published(0), published(0)],
      ],
      row_totals: [published(200), published(120), published(0)],
    };
    const chart = crossChart(whole, (value) => `${value.toFixed(1)}`);
    expect(chart.gaps).toBe(false);
    expect(chart.series[0].values).toEqual([30, (100 * 50) / 120, null]);
    expect(chart.series[0].texts).toEqual(['30.0', '41.7', '0']);
    // Every bar of published cells adds up to the whole.
    for (let r = 0; r < 2; r++) {
      expect(chart.series.reduce((sum, series) => sum + (series.values[r] ?? 0), 0)).toBeCloseTo(100);
    }
  });

  it('charts nothing when the table is empty', () => {
    const chart = crossChart({ ...TABLE, empty: true, rows_question: undefined, columns_question: undefined, cells: [] });
    expect(chart).toEqual({ labels: [], series: [], gaps: false });
  });
});
