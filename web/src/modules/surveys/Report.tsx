// « Rapport imprimable (PDF) »: beside the results' downloads, a box to tick per question (the
// choice questions, then the number questions, as the page shows them; all ticked at first) and
// the link to the printable report of the ticked ones, in the page's order (`/report.pdf`,
// refused as the results' workbook is). With none ticked there is no report: the link gives way
// to a hint, said by a status region.
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { reportPath, reportQuestions } from './results';
import type { SurveyResults } from './types';

export function ReportForm({ formId, results }: { formId: number; results: SurveyResults }) {
  const questions = useMemo(() => reportQuestions(results), [results]);
  // The boxes left unticked: a question the results gain after a refresh starts ticked.
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(() => new Set());
  const chosen = questions.filter((question) => !unticked.has(question.name)).map((question) => question.name);
  const href = reportPath(formId, chosen);
  const toggle = (name: string, on: boolean) => {
    const next = new Set(unticked);
    if (on) next.delete(name);
    else next.add(name);
    setUnticked(next);
  };
  const id = `report-${formId}`;
  return (
    <div class="form report-form">
      <fieldset aria-describedby={`${id}-intro`}>
        <legend>{t('surveys.web.results.report.legend')}</legend>
        <p class="hint" id={`${id}-intro`}>
          {t('surveys.web.results.report.intro')}
        </p>
        <div class="report-all">
          <button type="button" class="button small" onClick={() => setUnticked(new Set())}>
            {t('surveys.web.results.report.tick_all')}
          </button>
          <button type="button" class="button small" onClick={() => setUnticked(new Set(questions.map((question) => question.name)))}>
            {t('surveys.web.results.report.untick_all')}
          </button>
        </div>
        <div class="report-questions">
          {questions.map((question, index) => (
            <div class="field checkbox" key={question.name}>
              <input
                id={`${id}-${index}`}
                type="checkbox"
                checked={!unticked.has(question.name)}
                onChange={(event) => toggle(question.name, event.currentTarget.checked)}
              />
              <label for={`${id}-${index}`}>{question.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {href !== null && (
        <a class="button primary" href={href} download>
          {t('surveys.web.results.report.download')}
        </a>
      )}
      <p class={href === null ? 'notice notice-info report-hint' : 'report-hint'} role="status">
        {href === null ? t('surveys.web.results.report.choose') : ''}
      </p>
    </div>
  );
}
