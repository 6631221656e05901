// The cross table of two questions without the page: which questions may be crossed, the address
// that asks for their table, the table's lines with its totals, and its stacked chart of each row
// choice's shares. Like the results, nothing here is computed from anything but the published
// cells: a suppressed cell is a gap in the chart, never a value worked out from the others.
import { formatNumber, t } from '../../i18n';
import type { ChartSeries } from '../../kit/Chart';
import type { SurveyCrossTable, SurveyResultCell, SurveyResults } from './types';

/** A share in percent as the results' charts word it (« 42 % »). */
export function percentText(value: number): string {
  return t('surveys.web.results.percent', { value: formatNumber(value, { maximumFractionDigits: 0 }) });
}

/** A question that may be crossed: one of the results' counted single-choice questions. */
export interface CrossQuestion {
  name: string;
  label: string;
}

/** The API crosses single-choice questions only: a multiple-choice one is not offered. */
export function crossQuestions(results: SurveyResults): CrossQuestion[] {
  return results.questions
    .filter((question) => !question.multiple)
    .map((question) => ({ name: question.name, label: question.label }));
}

/** The structures the results count (a row of their own or the pooled row), as the cross table does. */
export function countedStructures(results: SurveyResults): number {
  return results.members.filter((member) => member.counted === 'row' || member.counted === 'pooled').length;
}

/** `/crosstab` (or `/crosstab.csv`, `/crosstab.xlsx` with `suffix`) for the two questions' names. */
export function crosstabPath(formId: number, rows: string, columns: string, suffix = ''): string {
  const query = new URLSearchParams({ rows, columns });
  return `/api/v1/surveys/forms/${formId}/crosstab${suffix}?${query.toString()}`;
}

/** A line of the cross table: a choice of the rows question, or the totals. */
export interface CrossRow {
  key: string;
  label: string;
  cells: SurveyResultCell[];
  /** null only when the table is empty (no grand total). */
  total: SurveyResultCell | null;
  isTotal: boolean;
}

/** The rows question's choices, each with its line of cells and its total, then the totals' line. */
export function crossRows(table: SurveyCrossTable, totalLabel: string): CrossRow[] {
  const choices = table.rows_question?.columns ?? [];
  return [
    ...choices.map((choice, r) => ({
      key: `choice-${choice.key}`,
      label: choice.label,
      cells: table.cells[r] ?? [],
      total: table.row_totals[r] ?? null,
      isTotal: false,
    })),
    { key: 'total', label: totalLabel, cells: table.column_totals, total: table.grand_total, isTotal: true },
  ];
}

export interface CrossChart {
  /** The rows question's choices, along the horizontal axis. */
  labels: string[];
  /** One series per choice of the columns question: its share of each row choice, in percent. */
  series: ChartSeries[];
  /** Some share could not be drawn (its cell or its row's total suppressed): a bar falls short of 100 %. */
  gaps: boolean;
}

/**
 * The stacked chart of the table: for each choice of the rows question, the share of each choice
 * of the columns question among its answers (the cell over the row's total). A suppressed cell, or
 * a row whose total is suppressed, leaves its share out (null) and the chart's table prints the
 * cell's own label (« < 5 », « s ») there; `percent` words a share for that table.
 */
export function crossChart(table: SurveyCrossTable, percent: (value: number) => string = percentText): CrossChart {
  const rows = table.rows_question?.columns ?? [];
  const columns = table.columns_question?.columns ?? [];
  let gaps = false;
  const series = columns.map((column, c) => {
    const values: (number | null)[] = [];
    const texts: string[] = [];
    rows.forEach((_, r) => {
      const cell = table.cells[r]?.[c];
      const total = table.row_totals[r]?.value ?? null;
      if (!cell || cell.value === null || total === null) {
        gaps = true;
        values.push(null);
        texts.push(cell?.label ?? '');
      } else if (total === 0) {
        // A choice nobody gave: nothing to share out, and nothing hidden either.
        values.push(null);
        texts.push(cell.label);
      } else {
        const share = (100 * cell.value) / total;
        values.push(share);
        texts.push(percent(share));
      }
    });
    return { label: column.label, values, texts };
  });
  return { labels: rows.map((row) => row.label), series, gaps };
}
