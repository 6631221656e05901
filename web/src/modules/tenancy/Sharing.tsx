// What the acting structure shares with a collective, per record kind; its director decides
// (the member's `actions` say whether the acting person may).
import { useEffect, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { t } from '../../i18n';
import { Field, Form, FormMessages, Submit, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { levelDescription, levelLabel, recordKindLabel, SHARING_LEVELS } from '../../labels';
import type { CollectiveDetail, MemberSharing, RecordKind, Session, SharingLevel, SharingView } from '../../types';
import type { PageContext } from '../module';
import { frenchArticle } from '../../i18n/articles';

type Levels = Partial<Record<RecordKind, SharingLevel>>;

/** The kinds whose level differs between what is saved and the draft, with the new level. */
function changedLevels(kinds: readonly RecordKind[], saved: Levels, draft: Levels): Levels {
  const changes: Levels = {};
  for (const kind of kinds) {
    const after = draft[kind] ?? 'private';
    if ((saved[kind] ?? 'private') !== after) changes[kind] = after;
  }
  return changes;
}

export function SharingPage({ id, session }: { id: number; session: Session }) {
  const acting = session.acting_structure_id;
  const collective = useQuery<CollectiveDetail>(`/api/v1/collectives/${id}`);
  const sharing = useQuery<SharingView>(`/api/v1/collectives/${id}/sharing`);
  const [saved, setSaved] = useState<Levels | null>(null);
  const [draft, setDraft] = useState<Levels>({});

  const mine: MemberSharing | undefined = sharing.data?.members.find((m) => m.structure_id === acting);
  useEffect(() => {
    if (mine) {
      setSaved(mine.levels);
      setDraft(mine.levels);
    }
  }, [sharing.data]);

  const kinds = sharing.data?.record_kinds ?? [];
  const mayChange = can(mine, 'change_sharing');
  const name = collective.data?.name;
  const structureName =
    mine?.structure_name ?? session.hats.find((h) => h.structure_id === acting)?.structure_name;
  const title = name ? t('tenancy.web.sharing.title', { name }) : t('tenancy.web.sharing.title_unnamed');

  const form = useForm({
    id: 'sharing',
    action: async () => {
      if (acting === null || saved === null) return;
      const changes = changedLevels(kinds, saved, draft);
      if (Object.keys(changes).length === 0) return t('tenancy.web.sharing.nothing_to_save');
      const answer = await api.put<MemberSharing>(`/api/v1/collectives/${id}/sharing/${acting}`, {
        levels: changes,
      });
      setSaved(answer.levels);
      setDraft(answer.levels);
      const summary = Object.entries(changes)
        .map(([kind, level]) => t('tenancy.web.sharing.summary_item', { kind: recordKindLabel(kind), level: levelLabel(level) }))
        .join(t('tenancy.web.audit.separator'));
      return t('tenancy.web.sharing.saved', { summary });
    },
    invalidates: [`/api/v1/collectives/${id}`, `/api/v1/structures/${acting}/audit`],
  });

  return (
    <>
      <p class="eyebrow">
        {name ? (
          <a href={`/collectifs/${id}`}>{t('tenancy.web.sharing.collective', { name })}</a>
        ) : (
          t('tenancy.web.collective.eyebrow')
        )}
      </p>
      <PageHeading title={title} />
      {structureName && (
        <p class="lead">{t('tenancy.web.sharing.lead', { structure: structureName, article: frenchArticle(structureName) })}</p>
      )}
      <section aria-labelledby="levels-help">
        <h2 id="levels-help">{t('tenancy.web.sharing.levels_heading')}</h2>
        <dl class="levels">
          {SHARING_LEVELS.map((level) => (
            <div key={level}>
              <dt>{levelLabel(level)}</dt>
              <dd>{levelDescription(level)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="levels-form">
        <h2 id="levels-form">
          {structureName
            ? t('tenancy.web.sharing.levels_of', { structure: structureName, article: frenchArticle(structureName) })
            : t('tenancy.web.sharing.levels_of_mine')}
        </h2>
        {sharing.data && !mine && (
          <p role="alert" class="notice notice-error">
            {t('tenancy.web.sharing.not_member')}
          </p>
        )}
        {sharing.data && mine && saved ? (
          mayChange ? (
            <Form form={form}>
              <div class="level-grid">
                {kinds.map((kind) => (
                  <Field name={`levels.${kind}`} label={recordKindLabel(kind)} key={kind}>
                    {(props) => (
                      <select
                        {...props}
                        value={draft[kind] ?? 'private'}
                        onChange={(e) => setDraft({ ...draft, [kind]: e.currentTarget.value as SharingLevel })}
                      >
                        {SHARING_LEVELS.map((level) => (
                          <option key={level} value={level}>
                            {levelLabel(level)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                ))}
              </div>
              <FormMessages />
              <Submit>{t('tenancy.web.sharing.submit')}</Submit>
            </Form>
          ) : (
            <>
              <p class="notice notice-info">{t('tenancy.web.sharing.read_only')}</p>
              <dl class="facts">
                {kinds.map((kind) => (
                  <div key={kind}>
                    <dt>{recordKindLabel(kind)}</dt>
                    <dd>{levelLabel(saved[kind] ?? 'private')}</dd>
                  </div>
                ))}
              </dl>
            </>
          )
        ) : (
          <LoadState resource={sharing} what={t('tenancy.web.sharing.what')} />
        )}
      </section>
    </>
  );
}

export default ({ params, session }: PageContext) => <SharingPage id={Number(params.id)} session={session} />;
