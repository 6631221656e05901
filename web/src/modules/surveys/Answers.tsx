// The acting structure's own answers to a questionnaire, in full: one row per answer, one column
// per question of the current version (repeated questions joined). No other structure's answer
// is ever here: the API lists the acting structure's alone. They download as CSV (the
// submissions) or as a workbook (a sheet per repeat as well), made in the background with its
// progress shown (AnswersExport.tsx). An answer ODK Collect encrypted with
// the structure's key lists nothing the server could read: it reads « Chiffrée » instead.
import { formatDateTime, t } from '../../i18n';
import { LoadState } from '../../components';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { AnswersExport } from './AnswersExport';
import type { SurveySubmission, SurveySubmissionList } from './types';

// The values of a question in an answer: its own, or those of each repeat, in order.
function valuesOf(submission: SurveySubmission, questionPath: string): string {
  const values: string[] = [];
  for (const [path, value] of Object.entries(submission.answers)) {
    if (path.replace(/\[\d+\]/g, '') === questionPath && value !== '') values.push(value);
  }
  return values.join(' · ');
}

export function Answers({ formId }: { formId: number }) {
  const path = `/api/v1/surveys/forms/${formId}/submissions`;
  const list = useQuery<SurveySubmissionList>(path, { revalidate: true });
  const data = list.data;
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">{t('surveys.web.answers.title')}</h2>
      <LoadState resource={list} what={t('surveys.web.answers.what')} />
      {data && data.items.length === 0 && <p>{t('surveys.web.answers.none')}</p>}
      {data && data.items.length > 0 && (
        <ResponsiveTable<SurveySubmission>
          label={t('surveys.web.answers.caption', { count: data.items.length })}
          caption={t('surveys.web.answers.caption', { count: data.items.length })}
          rows={data.items}
          rowKey={(submission) => submission.id}
          columns={[
            {
              key: 'submitted_at',
              label: t('surveys.web.answers.submitted_at'),
              rowHeader: true,
              cell: (s) => formatDateTime(s.submitted_at),
            },
            { key: 'submitted_by', label: t('surveys.web.answers.submitted_by'), cell: (s) => s.submitted_by_name || '—' },
            ...data.questions.map((question) => ({
              key: question.path,
              label: question.label,
              cell: (s: SurveySubmission) =>
                s.encrypted ? <span class="encrypted-answer">{t('surveys.web.encryption.encrypted_answer')}</span> : valuesOf(s, question.path) || '—',
            })),
          ]}
        />
      )}
      {data && data.items.some((submission) => submission.encrypted) && <p class="hint">{t('surveys.web.encryption.encrypted_note')}</p>}
      {data && data.items.length > 0 && <AnswersExport formId={formId} />}
    </section>
  );
}
