// The results' tables and charts without the page: a multiple-choice question's shares are of
// each line's answers (they add up to more than 100 %), a suppressed cell is a gap carrying its
// marker; a number question's lines print the answers, mean and median with one decimal in the
// page's language, a hidden line its marker in each cell, and its mean is a gap in the chart; a
// free-text question's words are listed most used first, all of them, and charted 15 at most; the
// printable report (which takes no free-text question yet) names the questions chosen, encoded,
// in their order, and none has none.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import {
  numberChart,
  numberRows,
  numberTexts,
  questionChart,
  questionRows,
  reportPath,
  reportQuestions,
  statisticText,
  territoryRows,
  wordChart,
  wordRows,
  mostUsedWords,
  CHART_WORDS,
  type TextQuestion,
  type WordCount,
} from './results';
import type { SurveyNumberStatistic, SurveyResultCell, SurveyResults } from './types';

const published = (value: number): SurveyResultCell => ({ value, label: String(value), reason: 'published' });
const small: SurveyResultCell = { value: null, label: '< 5', reason: 'below_threshold' };
const secondary: SurveyResultCell = { value: null, label: 's', reason: 'secondary' };

const statistic = (answers: number, mean: number | null, median: number | null): SurveyNumberStatistic => ({
  answers,
  sum: mean === null ? null : answers * mean,
  mean,
  median,
  label: String(answers),
  reason: 'published',
});
const hidden = (label: string, reason: SurveyNumberStatistic['reason']): SurveyNumberStatistic => ({
  answers: null,
  sum: null,
  mean: null,
  median: null,
  label,
  reason,
});

// Two centres and the pooled row; « Qui vous aide au quotidien ? » counts each choice an answer
// gave: Alma's 78 answers gave 39 « Ma famille », 20 « Des voisins », 17 « Personne ».
const RESULTS = {
  form_id: 1,
  title: 'Diagnostic des besoins des seniors',
  threshold: 5,
  rule: 'Les cases de moins de 5 réponses sont masquées.',
  number_rule: 'Moyennes et médianes : une ligne de moins de 5 réponses n’a ni moyenne ni médiane.',
  members: [],
  rows: [
    { key: '1', label: 'Centre social Alma', structure_ids: [1], answers: 78, territory: 0 },
    { key: '5', label: 'Centre social Assia Djebar', structure_ids: [5], answers: 41, territory: 0 },
    { key: 'others', label: 'Autres structures', structure_ids: [8, 9], answers: 7, territory: 1 },
  ],
  territories: [
    { key: '59512', label: 'Roubaix', answers: 119 },
    { key: 'others', label: 'Structures regroupées', answers: 7 },
  ],
  questions: [
    {
      path: '/data/aides',
      name: 'aides',
      label: 'Qui vous aide au quotidien ?',
      multiple: true,
      columns: [
        { key: 'famille', label: 'Ma famille' },
        { key: 'voisins', label: 'Des voisins ou des amis' },
        { key: 'personne', label: 'Personne' },
      ],
      cells: [
        [published(39), published(20), published(17)],
        [secondary, published(10), secondary],
        [small, small, small],
      ],
      row_totals: [published(78), published(41), published(7)],
      column_totals: [published(63), published(33), published(25)],
      grand_total: published(126),
      territory_cells: [
        [published(60), published(31), published(22)],
        [small, small, small],
      ],
    },
  ],
  numbers: [
    {
      path: '/data/age',
      name: 'age',
      label: 'Quel âge avez-vous ?',
      rows: [statistic(78, 77.62820512820512, 78), statistic(41, 76.78, 78.5), hidden('s', 'dominance')],
      total: statistic(126, 76.95121951219512, 77),
    },
  ],
  word_rule: 'Mots des réponses libres : seuls ceux qu’au moins 5 réponses emploient sont montrés.',
  texts: [
    {
      path: '/data/remarque',
      name: 'remarque',
      label: 'Voulez-vous ajouter quelque chose ?',
      words: [
        { word: 'sortir', answers: 31 },
        { word: 'bus', answers: 12 },
        { word: 'demarch', answers: 12 },
        { word: 'centre', answers: 5 },
      ],
    },
  ],
} as SurveyResults;

// A question with `count` words, the first used by `count + 4` answers, each next by one fewer.
const manyWords = (count: number): TextQuestion => ({
  path: '/data/remarque',
  name: 'remarque',
  label: 'Voulez-vous ajouter quelque chose ?',
  words: Array.from({ length: count }, (_, i): WordCount => ({ word: `mot${String.fromCharCode(97 + (i % 26))}${i}`, answers: count + 4 - i })),
});

describe('the results', () => {
  afterEach(() => setLanguage('fr'));

  it("charts a multiple-choice question's shares of each line's answers, beyond 100 % together", () => {
    const question = RESULTS.questions[0];
    const rows = questionRows(RESULTS, question, 'Ensemble des structures');
    expect(rows.map((row) => [row.key, row.label, row.total.value])).toEqual([
      ['1', 'Centre social Alma', 78],
      ['5', 'Centre social Assia Djebar', 41],
      ['others', 'Autres structures', 7],
      ['total', 'Ensemble des structures', 126],
    ]);
    const chart = questionChart(question, rows);
    expect(chart.labels).toEqual(['Centre social Alma', 'Centre social Assia Djebar', 'Autres structures', 'Ensemble des structures']);
    expect(chart.series.map((series) => series.label)).toEqual(['Ma famille', 'Des voisins ou des amis', 'Personne']);
    // Over the line's 78 answers, not over the 76 choices its cells count.
    expect(chart.series[0].values[0]).toBeCloseTo(50);
    expect(chart.series[0].texts).toEqual(['50\u00a0%', 's', '< 5', '50\u00a0%']);
    expect(chart.series[1].texts).toEqual(['26\u00a0%', '24\u00a0%', '< 5', '26\u00a0%']);
    expect(chart.series[1].values[3]).toBeCloseTo((100 * 33) / 126);
    // Alma's shares of all the choices go past 100 %: an answer may give several.
    const alma = chart.series.reduce((sum, series) => sum + (series.values[0] ?? 0), 0);
    expect(alma).toBeCloseTo((100 * 76) / 78);
    const total = chart.series.reduce((sum, series) => sum + (series.values[3] ?? 0), 0);
    expect(total).toBeCloseTo((100 * 121) / 126);
  });

  it('shares a multiple-choice question by commune over the commune’s answers', () => {
    const question = RESULTS.questions[0];
    const rows = territoryRows(RESULTS, question, 'Ensemble des structures');
    expect(rows.map((row) => [row.key, row.total.label])).toEqual([
      ['territory-59512', '119'],
      ['territory-others', '7'],
      ['total', '126'],
    ]);
    expect(rows[0].cells[0].value).toBe(60);
  });

  it('adds up beyond 100 % only when answers give several choices', () => {
    const question = {
      ...RESULTS.questions[0],
      cells: [[published(70), published(50), published(8)], ...RESULTS.questions[0].cells.slice(1)],
    };
    const chart = questionChart(question, questionRows(RESULTS, question, 'Total'));
    const alma = chart.series.reduce((sum, series) => sum + (series.values[0] ?? 0), 0);
    expect(alma).toBeGreaterThan(100);
    expect(chart.series.every((series) => series.values.every((value) => value === null || value <= 100))).toBe(true);
  });

  it("lists a number question's answers, mean and median by structure, a hidden line with its marker", () => {
    const rows = numberRows(RESULTS, RESULTS.numbers[0], 'Ensemble des structures');
    expect(rows.map((row) => [row.key, row.label, row.isTotal])).toEqual([
      ['1', 'Centre social Alma', false],
      ['5', 'Centre social Assia Djebar', false],
      ['others', 'Autres structures', false],
      ['total', 'Ensemble des structures', true],
    ]);
    expect(rows.map((row) => numberTexts(row.statistic, 'Aucune réponse'))).toEqual([
      { answers: '78', mean: '77,6', median: '78,0' },
      { answers: '41', mean: '76,8', median: '78,5' },
      { answers: 's', mean: 's', median: 's' },
      { answers: '126', mean: '77,0', median: '77,0' },
    ]);
    // Published answers but nobody gave a number: no mean, and it says so.
    expect(numberTexts(statistic(0, null, null), 'Aucune réponse')).toEqual({ answers: '0', mean: 'Aucune réponse', median: 'Aucune réponse' });
    expect(numberTexts(hidden('< 5', 'below_threshold'), '')).toEqual({ answers: '< 5', mean: '< 5', median: '< 5' });
    expect(statisticText(1234.56)).toBe('1\u202f234,6');
    setLanguage('en');
    expect(numberTexts(rows[0].statistic, 'No answer')).toEqual({ answers: '78', mean: '77.6', median: '78.0' });
    expect(statisticText(1234.56)).toBe('1,234.6');
  });

  it('charts the means, a hidden one a gap with its marker', () => {
    const rows = numberRows(RESULTS, RESULTS.numbers[0], 'Ensemble des structures');
    const chart = numberChart(rows, 'Aucune réponse');
    expect(chart.labels).toEqual(['Centre social Alma', 'Centre social Assia Djebar', 'Autres structures', 'Ensemble des structures']);
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0].label).toBe('Moyenne');
    expect(chart.series[0].values).toEqual([77.62820512820512, 76.78, null, 76.95121951219512]);
    expect(chart.series[0].texts).toEqual(['77,6', '76,8', 's', '77,0']);
    expect(chart.gaps).toBe(true);
    const whole = numberRows({ ...RESULTS, rows: RESULTS.rows.slice(0, 2) }, { ...RESULTS.numbers[0], rows: RESULTS.numbers[0].rows.slice(0, 2) }, 'Total');
    expect(numberChart(whole, 'Aucune réponse').gaps).toBe(false);
  });

  it("lists every word of a free-text question most used first, the answers that use it in the page's language", () => {
    expect(wordRows(RESULTS.texts[0])).toEqual([
      { key: 'sortir', word: 'sortir', answers: '31' },
      { key: 'bus', word: 'bus', answers: '12' },
      { key: 'demarch', word: 'demarch', answers: '12' },
      { key: 'centre', word: 'centre', answers: '5' },
    ]);
    // All of them, not only those the chart draws.
    expect(wordRows(manyWords(50))).toHaveLength(50);
    // No word reached the threshold: no line.
    expect(wordRows({ ...RESULTS.texts[0], words: [] })).toEqual([]);
    const big = { ...RESULTS.texts[0], words: [{ word: 'sortir', answers: 1234 }] };
    expect(wordRows(big)[0].answers).toBe('1\u202f234');
    setLanguage('en');
    expect(wordRows(big)[0].answers).toBe('1,234');
  });

  it('keeps the most used words first, equal counts in the order given, and the first ones when asked', () => {
    const words = [
      { word: 'centre', answers: 5 },
      { word: 'bus', answers: 12 },
      { word: 'sortir', answers: 31 },
      { word: 'demarch', answers: 12 },
    ];
    expect(mostUsedWords(words).map((word) => word.word)).toEqual(['sortir', 'bus', 'demarch', 'centre']);
    expect(mostUsedWords(words, 2).map((word) => word.word)).toEqual(['sortir', 'bus']);
    expect(mostUsedWords(words, 10)).toHaveLength(4);
    expect(mostUsedWords(words, 0)).toEqual([]);
    expect(mostUsedWords([])).toEqual([]);
    // The words given are left as they were.
    expect(words[0].word).toBe('centre');
  });

  it('charts the answers of the 15 most used words, one bar each', () => {
    expect(CHART_WORDS).toBe(15);
    const chart = wordChart(RESULTS.texts[0], 'Réponses');
    expect(chart.labels).toEqual(['sortir', 'bus', 'demarch', 'centre']);
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0]).toEqual({ label: 'Réponses', values: [31, 12, 12, 5], texts: ['31', '12', '12', '5'] });

    const question = manyWords(50);
    const fifteen = wordChart(question, 'Réponses');
    expect(fifteen.labels).toEqual(question.words.slice(0, 15).map((word) => word.word));
    expect(fifteen.series[0].values).toEqual(question.words.slice(0, 15).map((word) => word.answers));
    expect(fifteen.series[0].values).toHaveLength(15);
    // The 16th word is in the table, not in the chart.
    expect(fifteen.labels).not.toContain(question.words[15].word);
    expect(wordRows(question).map((row) => row.word)).toContain(question.words[15].word);
    // Exactly 15 words: all of them; fewer: no empty bar.
    expect(wordChart(manyWords(15), 'Réponses').labels).toHaveLength(15);
    expect(wordChart(manyWords(3), 'Réponses').series[0].values).toEqual([7, 6, 5]);
    expect(wordChart({ ...question, words: [] }, 'Réponses')).toEqual({ labels: [], series: [{ label: 'Réponses', values: [], texts: [] }] });
    expect(wordChart(question, 'Answers', 5).labels).toHaveLength(5);
  });

  it('lists the questions of the printable report in the page’s order: choices, numbers, free texts', () => {
    expect(reportQuestions(RESULTS)).toEqual([
      { name: 'aides', label: 'Qui vous aide au quotidien ?' },
      { name: 'age', label: 'Quel âge avez-vous ?' },
      { name: 'remarque', label: 'Voulez-vous ajouter quelque chose ?' },
    ]);
  });

  it('addresses the printable report of the questions chosen, each name encoded, in their order', () => {
    expect(reportPath(1, ['seul', 'age'])).toBe('/api/v1/surveys/forms/1/report.pdf?questions=seul,age');
    // The order chosen is kept: the report prints them so.
    expect(reportPath(7, ['age', 'aides', 'seul'])).toBe('/api/v1/surveys/forms/7/report.pdf?questions=age,aides,seul');
    // A name's characters that an address would read otherwise are encoded, not the commas between names.
    expect(reportPath(3, ['a b', 'x&y=1', 'é', 'p,q', 'c/d?'])).toBe(
      '/api/v1/surveys/forms/3/report.pdf?questions=a%20b,x%26y%3D1,%C3%A9,p%2Cq,c%2Fd%3F',
    );
    const url = new URL(reportPath(3, ['x&y=1', 'seul']) ?? '', 'http://localhost');
    expect(url.searchParams.get('questions')).toBe('x&y=1,seul');
    expect([...url.searchParams.keys()]).toEqual(['questions']);
    // None chosen: no report (the route would read an empty list as every question).
    expect(reportPath(1, [])).toBeNull();
  });
});
