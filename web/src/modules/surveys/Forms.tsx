// « Questionnaires »: those the acting structure designs and those of the collectives it belongs
// to, with how many answers it collected; and, for who may design (`create_form`), the upload of
// an XLSForm — the questionnaire a team wrote in Excel — or the way to the editor that writes one
// in the page (Editor.tsx). A file with errors is answered with each error where it is (sheet,
// row, column), so that she fixes her file once.
import { useRef, useState } from 'preact/hooks';
import { can } from '../../actions';
import { ApiError, query, sendFile } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatNumber, t } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';
import { invalidate, useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { navigate } from '../../router';
import type { PageContext } from '../module';
import { CollectiveField } from './CollectiveField';
import { Devices } from './Devices';
import { ProblemsTable } from './Problems';
import type { SurveyFormCreated, SurveyFormList, SurveyFormSummary, XlsFormProblem } from './types';
import './surveys.css';

const FORMS = '/api/v1/surveys/forms';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function Forms(_context: PageContext) {
  const forms = useQuery<SurveyFormList>(FORMS, { revalidate: true });
  const items = forms.data?.items ?? [];
  return (
    <div>
      <PageHeading title={t('surveys.web.nav.forms')} />
      <p>{t('surveys.web.forms.intro')}</p>
      <LoadState resource={forms} what={t('surveys.web.forms.what')} />
      {forms.data && items.length === 0 && <p>{t('surveys.web.forms.none')}</p>}
      {items.length > 0 && (
        <ResponsiveTable<SurveyFormSummary>
          label={t('surveys.web.forms.region')}
          caption={t('surveys.web.forms.region')}
          rows={items}
          rowKey={(form) => form.id}
          columns={[
            {
              key: 'title',
              label: t('surveys.web.forms.form'),
              rowHeader: true,
              cell: (form) => <a href={`/questionnaires/${form.id}`}>{form.title}</a>,
            },
            {
              key: 'for',
              label: t('surveys.web.forms.for'),
              cell: (form) => form.collective_name || t('surveys.web.forms.own', { owner: form.owner_name }),
            },
            { key: 'owner', label: t('surveys.web.forms.owner'), cell: (form) => form.owner_name },
            { key: 'version', label: t('surveys.web.forms.version'), cell: (form) => form.version },
            {
              key: 'state',
              label: t('surveys.web.forms.state'),
              cell: (form) => t(form.state === 'open' ? 'surveys.web.state.open' : 'surveys.web.state.closed'),
            },
            {
              key: 'answers',
              label: t('surveys.web.forms.answers'),
              cell: (form) => (can(form, 'read_answers') ? formatNumber(form.own_answers) : '—'),
            },
          ]}
        />
      )}
      {can(forms.data, 'create_form') && <Upload />}
      <Devices />
    </div>
  );
}

function Upload() {
  const file = useRef<HTMLInputElement>(null);
  const [title, setTitle] = useState('');
  const [collective, setCollective] = useState('');
  const [problems, setProblems] = useState<{ errors: XlsFormProblem[]; warnings: XlsFormProblem[] } | null>(null);
  const form = useForm({
    id: 'upload',
    invalidates: [FORMS],
    validate: () => (file.current?.files?.length ? null : { file: t('surveys.web.upload.choose') }),
    action: async () => {
      const chosen = file.current!.files![0];
      const type = chosen.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX;
      setProblems(null);
      try {
        const created = await sendFile<SurveyFormCreated>(
          'POST',
          FORMS + query({ title, collective_id: collective, file_name: chosen.name }),
          chosen,
          type,
        );
        invalidate(FORMS);
        navigate(`/questionnaires/${created.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.details && typeof error.details === 'object') {
          const body = error.details as { problems?: XlsFormProblem[]; warnings?: XlsFormProblem[] };
          if (body.problems) setProblems({ errors: body.problems, warnings: body.warnings ?? [] });
        }
        throw error;
      }
    },
  });
  return (
    <section aria-labelledby="upload-title">
      <h2 id="upload-title">{t('surveys.web.upload.title')}</h2>
      <p>{t('surveys.web.upload.intro')}</p>
      <p class="editor-link">
        <a class="button" href="/questionnaires/nouveau">
          {t('surveys.web.editor.link')}
        </a>
        <span class="hint">{t('surveys.web.editor.link_hint')}</span>
      </p>
      <Form form={form} label={t('surveys.web.upload.title')}>
        <Field name="file" label={t('surveys.web.upload.file')} hint={t('surveys.web.upload.file_hint')}>
          {(props) => <input {...props} ref={file} type="file" accept=".xlsx,.csv" />}
        </Field>
        <Field name="title" label={t('surveys.web.upload.form_title')} hint={t('surveys.web.upload.form_title_hint')}>
          {(props) => <input {...props} type="text" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />}
        </Field>
        <CollectiveField value={collective} onChange={setCollective} />
        <FormMessages />
        <Submit>{t('surveys.web.upload.send')}</Submit>
      </Form>
      {problems && (
        <>
          <ProblemsTable title={t('surveys.web.upload.errors')} problems={problems.errors} />
          {problems.warnings.length > 0 && <ProblemsTable title={t('surveys.web.upload.warnings')} problems={problems.warnings} />}
        </>
      )}
    </section>
  );
}
