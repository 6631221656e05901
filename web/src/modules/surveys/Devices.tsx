// « Tablettes et téléphones »: the devices that collect for the acting structure with ODK Collect,
// offline in the field. Setting one up gives the server URL to enter in ODK Collect, shown this
// once (the server keeps only a hash of its secret); each person sees and revokes her own, the
// director or coordinator all of the structure's.
import { useRef, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState } from '../../components';
import { formatDateTime, t } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { SurveyCollector, SurveyCollectorCreated, SurveyCollectorList } from './types';

const COLLECTORS = '/api/v1/surveys/collectors';

export function Devices() {
  const list = useQuery<SurveyCollectorList>(COLLECTORS, { revalidate: true });
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<SurveyCollectorCreated | null>(null);
  const target = useRef<SurveyCollector | null>(null);
  const add = useForm({
    id: 'add-device',
    invalidates: [COLLECTORS],
    validate: () => (label.trim() === '' ? { label: t('surveys.web.devices.label_missing') } : null),
    action: async () => {
      setCreated(await api.post<SurveyCollectorCreated>(COLLECTORS, { label }));
      setLabel('');
    },
  });
  const revoke = useForm({
    id: 'revoke-device',
    invalidates: [COLLECTORS],
    action: async () => {
      if (!target.current) return;
      await api.del<void>(`${COLLECTORS}/${target.current.id}`);
      return t('surveys.web.devices.revoked', { label: target.current.label });
    },
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t('surveys.web.devices.title')}</h2>
      <p>{t('surveys.web.devices.intro')}</p>
      <LoadState resource={list} what={t('surveys.web.devices.what')} />
      {list.data && items.length === 0 && <p>{t('surveys.web.devices.none')}</p>}
      {items.length > 0 && (
        <ResponsiveTable<SurveyCollector>
          label={t('surveys.web.devices.region')}
          caption={t('surveys.web.devices.region')}
          rows={items}
          rowKey={(device) => device.id}
          columns={[
            { key: 'label', label: t('surveys.web.devices.label'), rowHeader: true, cell: (d) => d.label },
            { key: 'person', label: t('surveys.web.devices.person'), cell: (d) => d.person_name },
            { key: 'created', label: t('surveys.web.devices.created'), cell: (d) => formatDateTime(d.created_at) },
            {
              key: 'used',
              label: t('surveys.web.devices.last_used'),
              cell: (d) =>
                d.revoked_at !== null
                  ? t('surveys.web.devices.revoked_on', { date: formatDateTime(d.revoked_at) })
                  : d.last_used_at !== null
                    ? formatDateTime(d.last_used_at)
                    : t('surveys.web.devices.never_used'),
            },
            {
              key: 'action',
              label: t('surveys.web.devices.action'),
              hiddenLabel: true,
              cell: (d) =>
                d.actions.includes('revoke') && (
                  <button
                    type="button"
                    class="button small"
                    aria-busy={revoke.busy ? true : undefined}
                    onClick={() => {
                      target.current = d;
                      void revoke.run();
                    }}
                  >
                    {t('surveys.web.devices.revoke', { label: d.label })}
                  </button>
                ),
            },
          ]}
        />
      )}
      <FormMessages form={revoke} />
      {can(list.data, 'create_collector') && (
        <Form form={add} label={t('surveys.web.devices.add')}>
          <Field name="label" label={t('surveys.web.devices.label')} hint={t('surveys.web.devices.label_hint')}>
            {(props) => <input {...props} type="text" maxLength={100} value={label} onInput={(e) => setLabel(e.currentTarget.value)} />}
          </Field>
          <FormMessages />
          <Submit>{t('surveys.web.devices.add')}</Submit>
        </Form>
      )}
      {created && (
        <div class="notice notice-status" role="status">
          <p>{t('surveys.web.devices.created_intro', { label: created.label })}</p>
          <p>
            <code class="device-url">{created.server_url}</code>
          </p>
          <p>{t('surveys.web.devices.created_once')}</p>
        </div>
      )}
    </section>
  );
}
