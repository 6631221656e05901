// A questionnaire's page: what it is (for whom, by whom, its versions), its XForm to download
// (ODK Collect, Enketo) and its XLSForm (to edit in Excel, or open in the editor as a model), the
// form to fill here with ODK's engine (Fill.tsx) for who may answer, the results across
// structures once the collection is closed (Results.tsx), the acting structure's own answers
// for who may read them (Answers.tsx), and the encryption of those answers with the structure's
// key (Encryption.tsx); its owner's director or coordinator closes the collection and opens it
// again. Once the structure encrypts its answers, the form is no longer filled here (the pages
// cannot encrypt): its answers come from ODK Collect. A structure that has no part in the
// questionnaire reads the API's « introuvable ».
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatDateTime, formatNumber, t } from '../../i18n';
import { FormMessages, useForm } from '../../kit/form';
import { invalidate, useQuery } from '../../kit/query';
import type { PageContext } from '../module';
import { Answers } from './Answers';
import { Encryption } from './Encryption';
import { Fill } from './Fill';
import { Results } from './Results';
import type { SurveyForm } from './types';
import './surveys.css';

export default function FormPage({ params, session }: PageContext) {
  const id = Number(params.id);
  const path = `/api/v1/surveys/forms/${id}`;
  const form = useQuery<SurveyForm>(path, { revalidate: true });
  const data = form.data;
  const closing = data?.state === 'open';
  const structure = session.hats.find((hat) => hat.structure_id === session.acting_structure_id)?.structure_name ?? '';
  const setState = useForm({
    id: 'form-state',
    invalidates: [path, '/api/v1/surveys/forms'],
    action: async () => {
      await api.put<SurveyForm>(`${path}/state`, { state: closing ? 'closed' : 'open' });
      return t(closing ? 'surveys.web.form.closed_done' : 'surveys.web.form.reopened_done');
    },
  });
  return (
    <div>
      <p class="eyebrow">
        <a href="/questionnaires">{t('surveys.web.nav.forms')}</a>
      </p>
      <PageHeading title={data?.title ?? t('surveys.web.form.title')} />
      {form.error?.status === 404 ? (
        <p class="notice notice-info">{form.error.message}</p>
      ) : (
        <LoadState resource={form} what={t('surveys.web.form.what')} />
      )}
      {data && (
        <>
          <dl class="facts">
            <dt>{t('surveys.web.forms.for')}</dt>
            <dd>{data.collective_name || t('surveys.web.forms.own', { owner: data.owner_name })}</dd>
            <dt>{t('surveys.web.forms.owner')}</dt>
            <dd>{data.owner_name}</dd>
            <dt>{t('surveys.web.forms.version')}</dt>
            <dd>
              {data.version} ({t('surveys.web.form.versions', { count: data.versions.length })}, {formatDateTime(data.versions[data.versions.length - 1].created_at)})
            </dd>
            {can(data, 'read_answers') && (
              <>
                <dt>{t('surveys.web.forms.answers')}</dt>
                <dd>{formatNumber(data.own_answers)}</dd>
              </>
            )}
          </dl>
          <p class="downloads">
            <a href={`${path}/xform`} download={`${data.xform_id}.xml`}>
              {t('surveys.web.form.download_xform')}
            </a>
            <a href={`${path}/xlsform.xlsx`} download={`${data.xform_id}.xlsx`}>
              {t('surveys.web.editor.download_xlsform')}
            </a>
          </p>
          {data.state === 'closed' && <p class="notice notice-info">{t('surveys.web.form.closed')}</p>}
          {can(data, 'update_form') && (
            <p>
              <button type="button" class="button" aria-busy={setState.busy ? true : undefined} onClick={() => void setState.run()}>
                {t(closing ? 'surveys.web.form.close' : 'surveys.web.form.reopen')}
              </button>
            </p>
          )}
          <FormMessages form={setState} />
          {data.state === 'open' && can(data, 'submit') && data.key === null && (
            <Fill formId={id} onStored={() => invalidate(`${path}/submissions`)} />
          )}
          {data.state === 'open' && can(data, 'submit') && data.key !== null && (
            <p class="notice notice-info">
              {t('surveys.web.encryption.fill_off')} <a href="/questionnaires">{t('surveys.web.encryption.fill_devices')}</a>
            </p>
          )}
          {data.state === 'closed' && can(data, 'read_results') && <Results formId={id} />}
          {can(data, 'read_answers') && <Answers formId={id} />}
          {(data.key !== null || can(data, 'manage_form_key') || can(data, 'submit') || can(data, 'read_answers')) && (
            <Encryption form={data} path={path} structure={structure} />
          )}
        </>
      )}
    </div>
  );
}
