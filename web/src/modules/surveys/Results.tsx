// A closed questionnaire's results across the structures that collect it, as the API publishes
// them under disclosure control: for each single-choice question, the table of counts by
// structure (a suppressed cell reads « < 5 » or « s »), a chart of each structure's shares, the
// same counts by commune (protected with the first table, as one), and the rule applied under
// them; then two questions crossed (CrossTable.tsx). Which structures do not share their answers
// is said; nothing here is computed from anything but the published cells.
import { useMemo } from 'preact/hooks';
import { formatNumber, t } from '../../i18n';
import { LoadState } from '../../components';
import { Chart } from '../../kit/Chart';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { CrossTable } from './CrossTable';
import { percentText } from './crosstab';
import type { SurveyResultCell, SurveyResults } from './types';

type Question = SurveyResults['questions'][number];

// A row of a question's table: a structure's (or the pooled) row, or the totals.
interface TableRow {
  key: string;
  label: string;
  cells: SurveyResultCell[];
  total: SurveyResultCell;
}

// The lines, then the question's totals.
function withTotals(question: Question, lines: TableRow[]): TableRow[] {
  return [...lines, { key: 'total', label: t('surveys.web.results.total'), cells: question.column_totals, total: question.grand_total }];
}

function rowsOf(results: SurveyResults, question: Question): TableRow[] {
  return withTotals(
    question,
    results.rows.map((row, index) => ({ key: row.key, label: row.label, cells: question.cells[index], total: question.row_totals[index] })),
  );
}

// The same question by territory: each commune's row, its answers published as they are.
function territoryRowsOf(results: SurveyResults, question: Question): TableRow[] {
  return withTotals(
    question,
    results.territories.map((territory, index) => ({
      key: `territory-${territory.key}`,
      label: territory.label,
      cells: question.territory_cells[index],
      total: { value: territory.answers, label: formatNumber(territory.answers), reason: 'published' as const },
    })),
  );
}

// Each row's share of each choice, from published counts only: a suppressed cell is a gap.
function QuestionChart({ results, question }: { results: SurveyResults; question: Question }) {
  const { labels, series } = useMemo(() => {
    const rows = rowsOf(results, question);
    return {
      labels: rows.map((row) => row.label),
      series: question.columns.map((column, c) => {
        const values = rows.map((row) => {
          const cell = row.cells[c];
          const total = row.total.value;
          return cell.value === null || total === null || total === 0 ? null : (100 * cell.value) / total;
        });
        return {
          label: column.label,
          values,
          texts: values.map((value, r) => (value === null ? rows[r].cells[c].label : percentText(value))),
        };
      }),
    };
  }, [results, question]);
  return (
    <Chart
      type="bar"
      title={t('surveys.web.results.chart', { question: question.label })}
      categoryLabel={t('surveys.web.results.structure')}
      labels={labels}
      series={series}
      format={percentText}
    />
  );
}

function QuestionTable({ question, rows, byTerritory }: { question: Question; rows: TableRow[]; byTerritory: boolean }) {
  const title = t(byTerritory ? 'surveys.web.results.territory_table' : 'surveys.web.results.table', { question: question.label });
  return (
    <ResponsiveTable<TableRow>
      label={title}
      caption={title}
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        {
          key: 'structure',
          label: t(byTerritory ? 'surveys.web.results.territory' : 'surveys.web.results.structure'),
          rowHeader: true,
          cell: (row) => row.label,
        },
        ...question.columns.map((column, c) => ({
          key: `choice-${column.key}`,
          label: column.label,
          class: 'number',
          cell: (row: TableRow) => row.cells[c].label,
        })),
        { key: 'total', label: t('surveys.web.results.answers'), class: 'number', cell: (row) => row.total.label },
      ]}
    />
  );
}

export function Results({ formId }: { formId: number }) {
  const results = useQuery<SurveyResults>(`/api/v1/surveys/forms/${formId}/results`, { revalidate: true });
  const data = results.data;
  const notShared = data?.members.filter((member) => member.counted === 'not_shared').map((member) => member.name) ?? [];
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t('surveys.web.results.title')}</h2>
      <LoadState resource={results} what={t('surveys.web.results.what')} />
      {data && data.rows.length === 0 && <p class="notice notice-info">{t('surveys.web.results.none', { threshold: data.threshold })}</p>}
      {data && notShared.length > 0 && <p>{t('surveys.web.results.not_shared', { names: notShared.join(', ') })}</p>}
      {data && data.questions.length > 0 && (
        <p class="downloads">
          <a href={`/api/v1/surveys/forms/${formId}/results.xlsx`} download>
            {t('surveys.web.results.download_xlsx')}
          </a>{' '}
          <a href={`/api/v1/surveys/forms/${formId}/results.csv`} download>
            {t('surveys.web.results.download_csv')}
          </a>
        </p>
      )}
      {data &&
        data.questions.map((question) => (
          <article key={question.path} class="result">
            <h3>{question.label}</h3>
            <QuestionTable question={question} rows={rowsOf(data, question)} byTerritory={false} />
            <QuestionChart results={data} question={question} />
            <QuestionTable question={question} rows={territoryRowsOf(data, question)} byTerritory={true} />
            <p class="rule">{data.rule}</p>
          </article>
        ))}
      {data && data.rows.length > 0 && data.questions.length >= 2 && <CrossTable formId={formId} results={data} />}
    </section>
  );
}
