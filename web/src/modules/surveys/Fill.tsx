// Filling a questionnaire in the page, with ODK's own engine and widgets (odk/mount.ts): the same
// XForm, relevance, constraints and languages as ODK Collect on a tablet. A sent answer goes to
// the submissions API as ODK clients send it (multipart/form-data: the instance and its files);
// what the server refuses is listed, question by question, and the filled form stays on screen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, sendFile } from '../../api';
import { language, t } from '../../i18n';
import { invalidate } from '../../kit/query';
import { mountOdkForm, type OdkSubmission } from './odk/mount';
import type { SubmissionProblem, SurveySubmissionStored } from './types';

type Outcome =
  | { kind: 'stored'; stored: SurveySubmissionStored }
  | { kind: 'refused'; message: string; problems: SubmissionProblem[] }
  | { kind: 'failed'; message: string };

function bodyOf(submission: OdkSubmission): FormData {
  const body = new FormData();
  body.append('xml_submission_file', new Blob([submission.xml], { type: 'text/xml' }), 'submission.xml');
  for (const file of submission.attachments) body.append(file.name, file, file.name);
  return body;
}

async function send(path: string, submission: OdkSubmission): Promise<Outcome> {
  // The browser writes the multipart body and its boundary: the Content-Type is its own.
  const request = new Request(path, { method: 'POST', body: bodyOf(submission) });
  const type = request.headers.get('Content-Type') ?? 'multipart/form-data';
  try {
    const stored = await sendFile<SurveySubmissionStored>('POST', path, await request.blob(), type);
    return { kind: 'stored', stored };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const details = error.details as { problems?: SubmissionProblem[] } | undefined;
    if (details?.problems) return { kind: 'refused', message: error.message, problems: details.problems };
    return { kind: 'failed', message: error.message };
  }
}

export function Fill({ formId, onStored }: { formId: number; onStored: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const path = `/api/v1/surveys/forms/${formId}`;

  useEffect(() => {
    let handle: ReturnType<typeof mountOdkForm> | null = null;
    let cancelled = false;
    void (async () => {
      const response = await fetch(`${path}/xform`, { credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok || cancelled || !host.current) {
        if (!response.ok) setLoadError(t('surveys.web.fill.not_loaded'));
        return;
      }
      handle = mountOdkForm(host.current, {
        xml: await response.text(),
        language: language(),
        onError: () => setLoadError(t('surveys.web.fill.not_loaded')),
        onSubmit: async (submission) => {
          setOutcome(null);
          const result = await send(`${path}/submissions`, submission);
          setOutcome(result);
          if (result.kind !== 'stored') return 'keep';
          invalidate(path);
          onStored();
          return undefined;
        },
      });
    })();
    return () => {
      cancelled = true;
      handle?.unmount();
    };
  }, [formId]);

  return (
    <section aria-labelledby="fill-title">
      <h2 id="fill-title">{t('surveys.web.fill.title')}</h2>
      <p>{t('surveys.web.fill.intro')}</p>
      <div role="status" aria-live="polite">
        {outcome?.kind === 'stored' && (
          <p class="notice notice-status">
            {t(outcome.stored.resent ? 'surveys.web.fill.resent' : 'surveys.web.fill.stored')}
          </p>
        )}
      </div>
      {outcome?.kind === 'refused' && (
        <div class="notice notice-error" role="alert">
          <p>{outcome.message}</p>
          <ul>
            {outcome.problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.kind === 'failed' && (
        <p class="notice notice-error" role="alert">
          {outcome.message}
        </p>
      )}
      {loadError && <p class="notice notice-error">{loadError}</p>}
      <div class="survey-fill-form" ref={host} />
    </section>
  );
}
