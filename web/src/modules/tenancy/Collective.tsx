// A collective: its purpose, its coordinating structure, its disclosure threshold (set by the
// coordinating structure when the collective's `actions` allow), its members with their
// referent, and what each member shares with it.
import { useEffect, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, PageHeading, StructureLink } from '../../components';
import { t } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable, type Column } from '../../kit/ResponsiveTable';
import { kindLabel, levelLabel, recordKindLabel } from '../../labels';
import type { CollectiveDetail, MemberSharing, Session, SharingView } from '../../types';
import type { PageContext } from '../module';

// The bounds of a collective's threshold, as docs/openapi.json's `Collective` says; the server
// checks them again.
const MIN_THRESHOLD = 3;
const MAX_THRESHOLD = 50;

/** The threshold typed, when it is a whole number within the bounds; else null. */
function parseThreshold(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= MIN_THRESHOLD && value <= MAX_THRESHOLD ? value : null;
}

/** The coordinating structure's form: the threshold the collective's next questionnaires take. */
function ThresholdForm({ collective, acting }: { collective: CollectiveDetail; acting: number | null }) {
  const [draft, setDraft] = useState(String(collective.disclosure_threshold));
  useEffect(() => setDraft(String(collective.disclosure_threshold)), [collective.disclosure_threshold]);
  const bounds = { min: MIN_THRESHOLD, max: MAX_THRESHOLD };
  const form = useForm({
    id: 'threshold',
    validate: () =>
      parseThreshold(draft) === null ? { threshold: t('tenancy.web.collective.threshold_invalid', bounds) } : null,
    action: async () => {
      const threshold = parseThreshold(draft);
      if (threshold === null) return;
      await api.put<CollectiveDetail>(`/api/v1/collectives/${collective.id}/disclosure`, { threshold });
      return t('tenancy.web.collective.threshold_saved');
    },
    invalidates: [`/api/v1/collectives/${collective.id}`, `/api/v1/structures/${acting}/audit`],
  });
  return (
    <section aria-labelledby="collective-threshold">
      <h2 id="collective-threshold">{t('tenancy.web.collective.threshold_heading')}</h2>
      <Form form={form}>
        <Field
          name="threshold"
          label={t('tenancy.web.collective.threshold_label', bounds)}
          hint={t('tenancy.web.collective.threshold_hint')}
        >
          {(props) => (
            <input
              {...props}
              type="text"
              inputMode="numeric"
              autocomplete="off"
              required
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
          )}
        </Field>
        <FormMessages />
        <Submit>{t('tenancy.web.collective.threshold_submit')}</Submit>
      </Form>
    </section>
  );
}

function sharingColumns(sharing: SharingView, acting: number | null): Column<MemberSharing>[] {
  return [
    {
      key: 'structure',
      label: t('tenancy.web.collective.structure'),
      rowHeader: true,
      cell: (member) => (
        <>
          {member.structure_name}
          {member.structure_id === acting && (
            <span class="visually-hidden"> {t('tenancy.web.collective.yours')}</span>
          )}
        </>
      ),
    },
    ...sharing.record_kinds.map((kind) => ({
      key: kind,
      label: recordKindLabel(kind),
      cell: (member: MemberSharing) => {
        const level = member.levels[kind] ?? 'private';
        return <span class={`level level-${level}`}>{levelLabel(level)}</span>;
      },
    })),
  ];
}

export function CollectivePage({ id, session }: { id: number; session: Session }) {
  const collective = useQuery<CollectiveDetail>(`/api/v1/collectives/${id}`);
  const sharing = useQuery<SharingView>(`/api/v1/collectives/${id}/sharing`);
  const data = collective.data;
  const acting = session.acting_structure_id;
  const mine = data?.members.find((m) => m.structure_id === acting);

  return (
    <>
      <p class="eyebrow">{t('tenancy.web.collective.eyebrow')}</p>
      <PageHeading title={data?.name ?? t('tenancy.web.collective.eyebrow')} />
      {data ? (
        <>
          <p class="lead">{data.purpose}</p>
          <dl class="facts">
            <div>
              <dt>{t('tenancy.web.collective.coordinator')}</dt>
              <dd>
                <StructureLink id={data.coordinating_structure.id} name={data.coordinating_structure.name} />
              </dd>
            </div>
            <div>
              <dt>{t('tenancy.web.collective.members')}</dt>
              <dd>{t('tenancy.web.collective.member_count', { count: data.members.length })}</dd>
            </div>
            <div>
              <dt>{t('tenancy.web.collective.threshold')}</dt>
              <dd>{t('tenancy.web.collective.threshold_value', { count: data.disclosure_threshold })}</dd>
              <dd class="hint">{t('tenancy.web.collective.threshold_help')}</dd>
            </div>
          </dl>
          {mine && (
            <p>
              <a class="button" href={`/collectifs/${id}/partage`}>
                {can(mine, 'change_sharing')
                  ? t('tenancy.web.collective.set_sharing')
                  : t('tenancy.web.collective.see_sharing')}
              </a>{' '}
              <a class="button" href={`/collectifs/${id}/postes`}>
                {t('tenancy.web.collective.positions_link')}
              </a>
            </p>
          )}
          {can(data, 'set_disclosure_threshold') && <ThresholdForm collective={data} acting={acting} />}

          <section aria-labelledby="collective-members">
            <h2 id="collective-members">{t('tenancy.web.collective.members_heading')}</h2>
            <ResponsiveTable
              label={t('tenancy.web.collective.members_region')}
              caption={t('tenancy.web.collective.members_caption')}
              rows={data.members}
              rowKey={(member) => member.structure_id}
              columns={[
                {
                  key: 'structure',
                  label: t('tenancy.web.collective.structure'),
                  rowHeader: true,
                  cell: (member) => (
                    <>
                      <StructureLink id={member.structure_id} name={member.structure_name} />
                      {member.structure_id === data.coordinating_structure.id && (
                        <span class="tag">{t('tenancy.web.collective.coordination_tag')}</span>
                      )}
                    </>
                  ),
                },
                { key: 'kind', label: t('tenancy.web.facts.kind'), cell: (member) => kindLabel(member.structure_kind) },
                {
                  key: 'referent_name',
                  label: t('tenancy.web.collective.referent'),
                  cell: (member) =>
                    member.referent ? member.referent.display_name : t('tenancy.web.collective.no_referent'),
                },
              ]}
            />
          </section>
        </>
      ) : (
        <LoadState resource={collective} what={t('tenancy.web.collective.eyebrow')} />
      )}

      <section aria-labelledby="collective-sharing">
        <h2 id="collective-sharing">{t('tenancy.web.collective.sharing_heading')}</h2>
        <p>{t('tenancy.web.collective.sharing_intro')}</p>
        {sharing.data ? (
          <ResponsiveTable
            label={t('tenancy.web.collective.sharing_region')}
            caption={t('tenancy.web.collective.sharing_caption')}
            class="sharing-table"
            rows={sharing.data.members}
            rowKey={(member) => member.structure_id}
            rowClass={(member) => (member.structure_id === acting ? 'mine' : undefined)}
            columns={sharingColumns(sharing.data, acting)}
          />
        ) : (
          <LoadState resource={sharing} what={t('tenancy.web.sharing.what')} />
        )}
      </section>
    </>
  );
}

export default ({ params, session }: PageContext) => <CollectivePage id={Number(params.id)} session={session} />;
