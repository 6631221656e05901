// What the acting structure shares with a collective, per record kind; its director decides
// (the member's `actions` say whether the acting person may).
import { useEffect, useState } from 'preact/hooks';
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, Notice, PageHeading, toApiError, useResource } from '../../components';
import {
  LEVEL_DESCRIPTIONS,
  LEVEL_LABELS,
  levelLabel,
  recordKindLabel,
  SHARING_LEVELS,
} from '../../labels';
import type {
  CollectiveDetail,
  MemberSharing,
  RecordKind,
  Session,
  SharingLevel,
  SharingView,
} from '../../types';
import type { PageContext } from '../module';

type Levels = Partial<Record<RecordKind, SharingLevel>>;

export function SharingPage({ id, session }: { id: number; session: Session }) {
  const acting = session.acting_structure_id;
  const collective = useResource(() => api.get<CollectiveDetail>(`/api/v1/collectives/${id}`), [id]);
  const sharing = useResource(() => api.get<SharingView>(`/api/v1/collectives/${id}/sharing`), [id]);
  const [saved, setSaved] = useState<Levels | null>(null);
  const [draft, setDraft] = useState<Levels>({});
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

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
  const title = name ? `Partage avec « ${name} »` : 'Partage avec le collectif';

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || acting === null || saved === null) return;
    const changes: Levels = {};
    for (const kind of kinds) {
      const before = saved[kind] ?? 'private';
      const after = draft[kind] ?? 'private';
      if (before !== after) changes[kind] = after;
    }
    setError('');
    setStatus('');
    if (Object.keys(changes).length === 0) {
      setStatus('Aucun changement à enregistrer.');
      return;
    }
    setBusy(true);
    try {
      const answer = await api.put<MemberSharing>(
        `/api/v1/collectives/${id}/sharing/${acting}`,
        { levels: changes },
      );
      setSaved(answer.levels);
      setDraft(answer.levels);
      const summary = Object.entries(changes)
        .map(([kind, level]) => `${recordKindLabel(kind)} : ${levelLabel(level as string)}`)
        .join(' ; ');
      setStatus(`Partage enregistré. ${summary}.`);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p class="eyebrow">
        {name ? <a href={`/collectifs/${id}`}>Collectif « {name} »</a> : 'Collectif'}
      </p>
      <PageHeading title={title} />
      {structureName && (
        <p class="lead">
          Ce que <strong>{structureName}</strong> partage avec ce collectif, type de données par
          type de données.
        </p>
      )}
      <section aria-labelledby="levels-help">
        <h2 id="levels-help">Les niveaux de partage</h2>
        <dl class="levels">
          {SHARING_LEVELS.map((level) => (
            <div key={level}>
              <dt>{LEVEL_LABELS[level]}</dt>
              <dd>{LEVEL_DESCRIPTIONS[level]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="levels-form">
        <h2 id="levels-form">Niveaux de {structureName ?? 'ma structure'}</h2>
        {sharing.data && !mine && (
          <p role="alert" class="notice notice-error">
            Votre structure ne fait pas partie de ce collectif.
          </p>
        )}
        {sharing.data && mine && saved ? (
          mayChange ? (
            <form class="form" onSubmit={submit}>
              <div class="level-grid">
                {kinds.map((kind) => (
                  <div class="field" key={kind}>
                    <label for={`level-${kind}`}>{recordKindLabel(kind)}</label>
                    <select
                      id={`level-${kind}`}
                      name={kind}
                      value={draft[kind] ?? 'private'}
                      onChange={(e) =>
                        setDraft({ ...draft, [kind]: e.currentTarget.value as SharingLevel })
                      }
                    >
                      {SHARING_LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {LEVEL_LABELS[level]}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
              <Notice kind="error" message={error} />
              <Notice kind="status" message={status} />
              <button type="submit" class="button primary" aria-busy={busy ? true : undefined}>
                Enregistrer le partage
              </button>
            </form>
          ) : (
            <>
              <p class="notice notice-info">
                Seule la direction de la structure décide de ce qu'elle partage. Voici les niveaux
                en vigueur.
              </p>
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
          <LoadState resource={sharing} what="Partage" />
        )}
      </section>
    </>
  );
}

export default ({ params, session }: PageContext) => <SharingPage id={Number(params.id)} session={session} />;
