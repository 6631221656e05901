// A closed questionnaire's results across the structures that collect it, as the API publishes
// them under disclosure control: for each choice question, the table of counts by structure (a
// suppressed cell reads « < 5 » or « s »), a chart of each structure's shares, the same counts by
// commune (protected with the first table, as one), and the rule applied under them; a
// multiple-choice question says that its shares are of the answers and may add up to more than 100 %,
// and draws them side by side. Then for each number question the answers, mean and median by
// structure with a chart of the means and the rule they follow; then for each free-text question
// the words at least `threshold` answers use with the answers that use each (a table of them all,
// a chart of the most used), or a notice when none does, and the rule they follow; then two
// questions crossed (CrossTable.tsx). Under the downloads, the questions to print in a PDF
// report (Report.tsx; not the free-text questions, which the server's report does not take).
// Which structures do not share their answers is said; nothing here is computed from anything
// but the published cells (results.ts).
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { LoadState } from '../../components';
import { Chart } from '../../kit/Chart';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { CrossTable } from './CrossTable';
import { ReportForm } from './Report';
import { crossQuestions, percentText } from './crosstab';
import {
  numberChart,
  numberRows,
  numberTexts,
  questionChart,
  questionRows,
  statisticText,
  territoryRows,
  wordChart,
  wordRows,
  CHART_WORDS,
  type NumberQuestion,
  type NumberRow,
  type Question,
  type TableRow,
  type TextQuestion,
  type WordRow,
} from './results';
import type { SurveyResults } from './types';

// Each row's share of each choice, from published counts only: a suppressed cell is a gap. The
// shares of a multiple-choice question's row may add up to more than 100 %: side by side, up to 100.
function QuestionChart({ results, question }: { results: SurveyResults; question: Question }) {
  const { labels, series } = useMemo(
    () => questionChart(question, questionRows(results, question, t('surveys.web.results.total'))),
    [results, question],
  );
  return (
    <Chart
      type="bar"
      title={t(question.multiple ? 'surveys.web.results.chart_multiple' : 'surveys.web.results.chart', { question: question.label })}
      categoryLabel={t('surveys.web.results.structure')}
      labels={labels}
      series={series}
      format={percentText}
      max={question.multiple ? 100 : undefined}
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

// A number question: its answers, mean and median by structure and for all, a hidden line
// printing its marker; the chart of the means; the rule under the table.
function NumberResult({ results, question }: { results: SurveyResults; question: NumberQuestion }) {
  const none = t('surveys.web.results.numbers.none');
  const rows = useMemo(() => numberRows(results, question, t('surveys.web.results.total')), [results, question]);
  const chart = useMemo(() => numberChart(rows, none), [rows, none]);
  const title = t('surveys.web.results.numbers.table', { question: question.label });
  return (
    <article class="result result-number">
      <h3>{question.label}</h3>
      <ResponsiveTable<NumberRow>
        label={title}
        caption={title}
        rows={rows}
        rowKey={(row) => row.key}
        columns={[
          { key: 'structure', label: t('surveys.web.results.structure'), rowHeader: true, cell: (row) => row.label },
          {
            key: 'answers',
            label: t('surveys.web.results.answers'),
            class: 'number',
            cell: (row) => numberTexts(row.statistic, none).answers,
          },
          {
            key: 'mean',
            label: t('surveys.web.results.numbers.mean'),
            class: 'number',
            cell: (row) => numberTexts(row.statistic, none).mean,
          },
          {
            key: 'median',
            label: t('surveys.web.results.numbers.median'),
            class: 'number',
            cell: (row) => numberTexts(row.statistic, none).median,
          },
        ]}
      />
      <p class="rule">{results.number_rule}</p>
      <Chart
        type="bar"
        title={t('surveys.web.results.numbers.chart', { question: question.label })}
        categoryLabel={t('surveys.web.results.structure')}
        labels={chart.labels}
        series={chart.series}
        format={statisticText}
      />
      {chart.gaps && <p class="rule">{t('surveys.web.results.numbers.gaps')}</p>}
    </article>
  );
}

// A free-text question: what its words are, the table of every word published with the answers
// that use it, the chart of the most used; a notice instead when no word reaches the threshold;
// the rule under them. Exported for its test (Results.test.tsx).
export function WordsResult({ results, question }: { results: SurveyResults; question: TextQuestion }) {
  const answers = t('surveys.web.results.answers');
  const rows = useMemo(() => wordRows(question), [question]);
  const chart = useMemo(() => wordChart(question, answers), [question, answers]);
  const title = t('surveys.web.results.words.table', { question: question.label });
  return (
    <article class="result result-words">
      <h3>{question.label}</h3>
      <p>{t('surveys.web.results.words.intro', { threshold: results.threshold })}</p>
      {rows.length === 0 ? (
        <p class="notice notice-info">{t('surveys.web.results.words.none')}</p>
      ) : (
        <>
          <ResponsiveTable<WordRow>
            label={title}
            caption={title}
            rows={rows}
            rowKey={(row) => row.key}
            columns={[
              { key: 'word', label: t('surveys.web.results.words.word'), rowHeader: true, cell: (row) => row.word },
              { key: 'answers', label: answers, class: 'number', cell: (row) => row.answers },
            ]}
          />
          <Chart
            type="bar"
            title={t('surveys.web.results.words.chart', { question: question.label, count: Math.min(CHART_WORDS, rows.length) })}
            categoryLabel={t('surveys.web.results.words.word')}
            labels={chart.labels}
            series={chart.series}
          />
        </>
      )}
      <p class="rule">{results.word_rule}</p>
    </article>
  );
}

export function Results({ formId }: { formId: number }) {
  const results = useQuery<SurveyResults>(`/api/v1/surveys/forms/${formId}/results`, { revalidate: true });
  const data = results.data;
  const notShared = data?.members.filter((member) => member.counted === 'not_shared').map((member) => member.name) ?? [];
  const numbers = data?.numbers ?? [];
  const texts = data?.texts ?? [];
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t('surveys.web.results.title')}</h2>
      <LoadState resource={results} what={t('surveys.web.results.what')} />
      {data && data.rows.length === 0 && <p class="notice notice-info">{t('surveys.web.results.none', { threshold: data.threshold })}</p>}
      {data && notShared.length > 0 && <p>{t('surveys.web.results.not_shared', { names: notShared.join(', ') })}</p>}
      {data && (data.questions.length > 0 || numbers.length > 0) && (
        <p class="downloads">
          <a href={`/api/v1/surveys/forms/${formId}/results.xlsx`} download>
            {t('surveys.web.results.download_xlsx')}
          </a>{' '}
          <a href={`/api/v1/surveys/forms/${formId}/results.csv`} download>
            {t('surveys.web.results.download_csv')}
          </a>
        </p>
      )}
      {data && (data.questions.length > 0 || numbers.length > 0) && <ReportForm formId={formId} results={data} />}
      {data &&
        data.questions.map((question) => (
          <article key={question.path} class="result">
            <h3>{question.label}</h3>
            {question.multiple && <p class="notice notice-info">{t('surveys.web.results.multiple')}</p>}
            <QuestionTable
              question={question}
              rows={questionRows(data, question, t('surveys.web.results.total'))}
              byTerritory={false}
            />
            <QuestionChart results={data} question={question} />
            <QuestionTable
              question={question}
              rows={territoryRows(data, question, t('surveys.web.results.total'))}
              byTerritory={true}
            />
            <p class="rule">{data.rule}</p>
          </article>
        ))}
      {data && data.rows.length > 0 && numbers.map((question) => <NumberResult key={question.path} results={data} question={question} />)}
      {data && data.rows.length > 0 && texts.map((question) => <WordsResult key={question.path} results={data} question={question} />)}
      {data && data.rows.length > 0 && crossQuestions(data).length >= 2 && <CrossTable formId={formId} results={data} />}
    </section>
  );
}
