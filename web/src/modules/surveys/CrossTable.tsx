// « Croiser deux questions »: under a closed questionnaire's results, two of its counted questions
// chosen, one for the rows and one for the columns, and the API's cross table of them
// (`/crosstab`), protected as the results are: the counts of the answers giving both choices with
// their totals (a suppressed cell reads « < 5 » or « s »), the rule applied, and a stacked chart
// of each row choice's shares in which suppressed cells are gaps. A table too large to audit is
// withheld whole, and the page says so instead of printing a table of markers.
import { useMemo, useState } from 'preact/hooks';
import { LoadState } from '../../components';
import { t } from '../../i18n';
import { Chart } from '../../kit/Chart';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import {
  countedStructures,
  crossChart,
  crossQuestions,
  crossRows,
  crosstabPath,
  percentText,
  type CrossQuestion,
  type CrossRow,
} from './crosstab';
import type { SurveyCrossTable, SurveyResults } from './types';

function QuestionSelect({
  id,
  label,
  value,
  questions,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  questions: CrossQuestion[];
  onChange: (name: string) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange((event.target as HTMLSelectElement).value)}>
        <option value="">{t('surveys.web.results.cross.choose')}</option>
        {questions.map((question) => (
          <option key={question.name} value={question.name}>
            {question.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TableAndChart({ formId, table }: { formId: number; table: SurveyCrossTable }) {
  const rowsQuestion = table.rows_question;
  const columnsQuestion = table.columns_question;
  const chart = useMemo(() => crossChart(table, percentText), [table]);
  if (!rowsQuestion || !columnsQuestion) return null;
  const names = { rows: rowsQuestion.label, columns: columnsQuestion.label };
  const caption = t('surveys.web.results.cross.caption', names);
  return (
    <>
      <p class="downloads">
        <a href={crosstabPath(formId, rowsQuestion.name, columnsQuestion.name, '.xlsx')} download>
          {t('surveys.web.results.cross.download_xlsx')}
        </a>{' '}
        <a href={crosstabPath(formId, rowsQuestion.name, columnsQuestion.name, '.csv')} download>
          {t('surveys.web.results.cross.download_csv')}
        </a>
      </p>
      <ResponsiveTable<CrossRow>
        label={caption}
        caption={caption}
        captionHidden={false}
        rows={crossRows(table, t('surveys.web.results.cross.total'))}
        rowKey={(row) => row.key}
        columns={[
          { key: 'question', label: rowsQuestion.label, rowHeader: true, cell: (row) => row.label },
          ...columnsQuestion.columns.map((column, c) => ({
            key: `column-${column.key}`,
            label: column.label,
            class: 'number',
            cell: (row: CrossRow) => row.cells[c]?.label ?? '',
          })),
          { key: 'total', label: t('surveys.web.results.cross.total'), class: 'number', cell: (row) => row.total?.label ?? '' },
        ]}
      />
      <p class="rule">{table.rule}</p>
      <Chart
        type="bar"
        stacked
        max={100}
        title={t('surveys.web.results.cross.chart', names)}
        categoryLabel={rowsQuestion.label}
        labels={chart.labels}
        series={chart.series}
        format={percentText}
      />
      {chart.gaps && <p class="rule">{t('surveys.web.results.cross.gaps')}</p>}
    </>
  );
}

export function CrossTable({ formId, results }: { formId: number; results: SurveyResults }) {
  const questions = useMemo(() => crossQuestions(results), [results]);
  const [rows, setRows] = useState('');
  const [columns, setColumns] = useState('');
  const key = rows !== '' && columns !== '' && rows !== columns ? crosstabPath(formId, rows, columns) : null;
  const cross = useQuery<SurveyCrossTable>(key);
  const table = key === null ? undefined : cross.data;
  const titleId = `crosstab-title-${formId}`;
  return (
    <section class="result crosstab" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('surveys.web.results.cross.title')}</h3>
      <p>{t('surveys.web.results.cross.intro')}</p>
      <div class="filters crosstab-choice">
        {/* Each list leaves out the question the other holds: a question is never crossed with itself. */}
        <QuestionSelect
          id={`crosstab-rows-${formId}`}
          label={t('surveys.web.results.cross.rows')}
          value={rows}
          questions={questions.filter((question) => question.name !== columns)}
          onChange={setRows}
        />
        <QuestionSelect
          id={`crosstab-columns-${formId}`}
          label={t('surveys.web.results.cross.columns')}
          value={columns}
          questions={questions.filter((question) => question.name !== rows)}
          onChange={setColumns}
        />
      </div>
      {key !== null && <LoadState resource={cross} what={t('surveys.web.results.cross.what')} />}
      {table?.empty && <p class="notice notice-info">{t('surveys.web.results.none', { threshold: table.threshold })}</p>}
      {table && !table.empty && table.withheld && (
        <p class="notice notice-info">{t('surveys.web.results.cross.withheld', { count: countedStructures(results) })}</p>
      )}
      {table && !table.empty && !table.withheld && <TableAndChart formId={formId} table={table} />}
    </section>
  );
}
