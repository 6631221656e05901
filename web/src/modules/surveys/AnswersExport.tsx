// The download of the acting structure's answers, made on the server in the background: she
// chooses the workbook (a sheet per repeat as well) or the CSV, the server's job writes it while
// the page shows how many answers are written, then the file is offered to download (hers alone,
// kept a day). Several thousand answers take seconds: the page never waits on one long request.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { formatNumber, t, type MessageId } from '../../i18n';
import { invalidate, useQuery } from '../../kit/query';
import type { SurveyAnswersExport } from './types';

const POLL_MS = 500;
type Format = SurveyAnswersExport['format'];

export function AnswersExport({ formId }: { formId: number }) {
  const [exportId, setExportId] = useState<number | null>(null);
  const [asking, setAsking] = useState<Format | null>(null);
  const [error, setError] = useState('');
  const ask = async (format: Format) => {
    setAsking(format);
    setError('');
    try {
      const queued = await api.post<SurveyAnswersExport>(`/api/v1/surveys/forms/${formId}/exports`, { format });
      setExportId(queued.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setAsking(null);
    }
  };
  return (
    <div class="answers-export" role="group" aria-label={t('surveys.web.export.label')}>
      <p class="downloads">
        <button type="button" class="button" disabled={asking !== null} onClick={() => ask('xlsx')}>
          {t('surveys.web.answers.download_xlsx')}
        </button>{' '}
        <button type="button" class="button" disabled={asking !== null} onClick={() => ask('csv')}>
          {t('surveys.web.answers.download_csv')}
        </button>
      </p>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {exportId !== null && <ExportProgress key={exportId} exportId={exportId} />}
    </div>
  );
}

/** One export while its job writes it, then its file to download. */
function ExportProgress({ exportId }: { exportId: number }) {
  const key = `/api/v1/surveys/exports/${exportId}`;
  const run = useQuery<SurveyAnswersExport>(key);
  const state = run.data?.state;
  const pending = state === undefined || state === 'queued' || state === 'running';
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => invalidate(key), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, run.data]);
  if (!run.data) return null;
  const view = run.data;
  const { done, total } = view.progress;
  return (
    <div class="export-progress">
      <p role="status">
        {pending && (total > 0 ? t('surveys.web.export.progress', { done, total }) : t('surveys.web.export.queued'))}
        {view.state === 'done' && view.file && t('surveys.web.export.ready', { count: view.file.answers })}
      </p>
      {pending && <progress max={Math.max(1, total)} value={done} aria-label={t('surveys.web.export.progress_label')} />}
      {view.state === 'done' && view.file && (
        <p>
          <a class="button primary" href={view.file.url} download={view.file.name}>
            {t('surveys.web.export.download', { name: view.file.name, size: formatNumber(Math.max(1, Math.round(view.file.bytes / 1024))) })}
          </a>{' '}
          <span class="hint">{t('surveys.web.export.kept')}</span>
        </p>
      )}
      {view.state === 'failed' && <p class="notice notice-error">{t((view.error ?? 'surveys.export.failed') as MessageId)}</p>}
    </div>
  );
}
