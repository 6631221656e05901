// The results' tables and charts without the page (Results.tsx): the lines of a question's table
// with its totals, the shares its chart draws, for a number question the lines of answers,
// mean and median with the chart of the means, and for a free-text question the lines of its
// words with the chart of the most used. Nothing is computed from anything but the published
// cells, statistics and words: a suppressed one is a gap carrying its marker (« < 5 », « s »).
import { formatNumber, t } from '../../i18n';
import type { ChartSeries } from '../../kit/Chart';
import { percentText } from './crosstab';
import type { SurveyNumberStatistic, SurveyResultCell, SurveyResults } from './types';

export type Question = SurveyResults['questions'][number];
export type NumberQuestion = SurveyResults['numbers'][number];
export type TextQuestion = SurveyResults['texts'][number];
export type WordCount = TextQuestion['words'][number];

/** A line of a question's table: a structure's (or the pooled, or a commune's) line, or the totals. */
export interface TableRow {
  key: string;
  label: string;
  cells: SurveyResultCell[];
  /** The line's answers: for a multiple-choice question, not the sum of its cells. */
  total: SurveyResultCell;
}

function withTotals(question: Question, lines: TableRow[], totalLabel: string): TableRow[] {
  return [...lines, { key: 'total', label: totalLabel, cells: question.column_totals, total: question.grand_total }];
}

/** Each structure's line (as `results.rows`), then the question's totals. */
export function questionRows(results: SurveyResults, question: Question, totalLabel: string): TableRow[] {
  return withTotals(
    question,
    results.rows.map((row, index) => ({ key: row.key, label: row.label, cells: question.cells[index], total: question.row_totals[index] })),
    totalLabel,
  );
}

/** The same question by territory: each commune's line, its answers published as they are. */
export function territoryRows(results: SurveyResults, question: Question, totalLabel: string): TableRow[] {
  return withTotals(
    question,
    results.territories.map((territory, index) => ({
      key: `territory-${territory.key}`,
      label: territory.label,
      cells: question.territory_cells[index],
      total: { value: territory.answers, label: formatNumber(territory.answers), reason: 'published' as const },
    })),
    totalLabel,
  );
}

export interface QuestionChart {
  /** The lines of the table, along the horizontal axis. */
  labels: string[];
  /** One series per choice: its share of each line's answers, in percent. */
  series: ChartSeries[];
}

/**
 * Each line's share of each choice: the cell over the line's answers (its total). For a
 * multiple-choice question an answer counts in each choice it gives, so a line's shares add up
 * to more than 100 % and are drawn side by side, never stacked. A suppressed cell (or total) is
 * a gap whose table prints the cell's marker; a line without answers is a gap too.
 */
export function questionChart(question: Question, rows: TableRow[], percent: (value: number) => string = percentText): QuestionChart {
  return {
    labels: rows.map((row) => row.label),
    series: question.columns.map((column, c) => {
      const values = rows.map((row) => {
        const cell = row.cells[c];
        const total = row.total.value;
        return !cell || cell.value === null || total === null || total === 0 ? null : (100 * cell.value) / total;
      });
      return {
        label: column.label,
        values,
        texts: values.map((value, r) => (value === null ? (rows[r].cells[c]?.label ?? '') : percent(value))),
      };
    }),
  };
}

/** A mean or a median as the page prints it: one decimal, in the page's language (« 77,6 »). */
export function statisticText(value: number): string {
  return formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A line of a number question's table: a structure's (or the pooled) line, or the totals. */
export interface NumberRow {
  key: string;
  label: string;
  statistic: SurveyNumberStatistic;
  isTotal: boolean;
}

/** Each structure's line (its label from `results.rows`), then all the structures'. */
export function numberRows(results: SurveyResults, question: NumberQuestion, totalLabel: string): NumberRow[] {
  return [
    ...results.rows.map((row, index) => ({ key: row.key, label: row.label, statistic: question.rows[index], isTotal: false })),
    { key: 'total', label: totalLabel, statistic: question.total, isTotal: true },
  ];
}

/** What a line's cells print: the answers, mean and median, or the line's marker where it is hidden. */
export interface NumberTexts {
  answers: string;
  mean: string;
  median: string;
}

/**
 * A hidden line (no published count) prints its marker (« < 5 », « s ») in each cell; a published
 * line without a mean (nobody gave a number) prints `none` for its mean and median.
 */
export function numberTexts(statistic: SurveyNumberStatistic | undefined, none: string): NumberTexts {
  if (!statistic || statistic.answers === null) {
    const marker = statistic?.label ?? '';
    return { answers: marker, mean: marker, median: marker };
  }
  return {
    answers: formatNumber(statistic.answers),
    mean: statistic.mean === null ? none : statisticText(statistic.mean),
    median: statistic.median === null ? none : statisticText(statistic.median),
  };
}

export interface NumberChart {
  labels: string[];
  /** One series, the means; a hidden line's mean is a gap. */
  series: ChartSeries[];
  /** Some line's mean is hidden: its bar is missing. */
  gaps: boolean;
}

/** The means of the lines, the totals' last; a hidden line's is a gap printing its marker. */
export function numberChart(rows: NumberRow[], none: string, seriesLabel: string = t('surveys.web.results.numbers.mean')): NumberChart {
  const texts = rows.map((row) => numberTexts(row.statistic, none).mean);
  const values = rows.map((row) => (row.statistic && row.statistic.answers !== null ? row.statistic.mean : null));
  return {
    labels: rows.map((row) => row.label),
    series: [{ label: seriesLabel, values, texts }],
    gaps: rows.some((row) => !row.statistic || row.statistic.answers === null),
  };
}

/** How many of a free-text question's words its chart draws: the most used. */
export const CHART_WORDS = 15;

/**
 * A free-text question's words, most used first (the server's order; words as many answers use
 * keep it too), the first `most` only when given. Each count is of answers, not of uses.
 */
export function mostUsedWords(words: readonly WordCount[], most?: number): WordCount[] {
  const sorted = [...words].sort((a, b) => b.answers - a.answers);
  return most === undefined ? sorted : sorted.slice(0, Math.max(0, most));
}

/** A line of a free-text question's table: a word and the answers that use it, as printed. */
export interface WordRow {
  key: string;
  word: string;
  answers: string;
}

/** Every word the results publish for the question, most used first. */
export function wordRows(question: TextQuestion): WordRow[] {
  return mostUsedWords(question.words).map((word) => ({ key: word.word, word: word.word, answers: formatNumber(word.answers) }));
}

export interface WordChart {
  /** The most used words, along the horizontal axis. */
  labels: string[];
  /** One series: the answers that use each word. */
  series: ChartSeries[];
}

/** The answers that use each of the `most` most used words (CHART_WORDS): one bar per word. */
export function wordChart(question: TextQuestion, seriesLabel: string, most: number = CHART_WORDS): WordChart {
  const words = mostUsedWords(question.words, most);
  return {
    labels: words.map((word) => word.word),
    series: [{ label: seriesLabel, values: words.map((word) => word.answers), texts: words.map((word) => formatNumber(word.answers)) }],
  };
}

/** A question the printable report can hold: a choice question's or a number question's name and label. */
export interface ReportQuestion {
  name: string;
  label: string;
}

/** The questions of the report, in the page's order: the choice questions, then the number questions. */
export function reportQuestions(results: SurveyResults): ReportQuestion[] {
  return [...results.questions, ...results.numbers, ...(results.texts ?? [])].map((question) => ({
    name: question.name,
    label: question.label,
  }));
}

/**
 * The printable report of the questions named, in their order: each name URL-encoded, the names
 * joined by commas. Null for none: the route reads an empty list as every question, so a report
 * of nothing has no address.
 */
export function reportPath(formId: number, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  return `/api/v1/surveys/forms/${formId}/report.pdf?questions=${names.map(encodeURIComponent).join(',')}`;
}
