// A collective: its purpose, its coordinating structure, its members with their referent,
// and what each member shares with it.
import { can } from '../../actions';
import { api } from '../../api';
import { LoadState, PageHeading, StructureLink, TableScroll, useResource } from '../../components';
import { countLabel, kindLabel, levelLabel, recordKindLabel } from '../../labels';
import type { CollectiveDetail, Session, SharingView } from '../../types';
import type { PageContext } from '../module';

export function CollectivePage({ id, session }: { id: number; session: Session }) {
  const collective = useResource(() => api.get<CollectiveDetail>(`/api/v1/collectives/${id}`), [id]);
  const sharing = useResource(() => api.get<SharingView>(`/api/v1/collectives/${id}/sharing`), [id]);
  const data = collective.data;
  const acting = session.acting_structure_id;
  const mine = data?.members.find((m) => m.structure_id === acting);

  return (
    <>
      <p class="eyebrow">Collectif</p>
      <PageHeading title={data?.name ?? 'Collectif'} />
      {data ? (
        <>
          <p class="lead">{data.purpose}</p>
          <dl class="facts">
            <div>
              <dt>Structure coordinatrice</dt>
              <dd>
                <StructureLink
                  id={data.coordinating_structure.id}
                  name={data.coordinating_structure.name}
                />
              </dd>
            </div>
            <div>
              <dt>Membres</dt>
              <dd>{countLabel(data.members.length, 'structure', 'structures', 'aucune structure')}</dd>
            </div>
          </dl>
          {mine && (
            <p>
              <a class="button" href={`/collectifs/${id}/partage`}>
                {can(mine, 'change_sharing')
                  ? 'Régler le partage de ma structure'
                  : 'Voir le partage de ma structure'}
              </a>
            </p>
          )}

          <section aria-labelledby="collective-members">
            <h2 id="collective-members">Membres et référents</h2>
            <TableScroll label="Membres du collectif">
              <table>
                <caption class="visually-hidden">Membres du collectif et leur référent</caption>
                <thead>
                  <tr>
                    <th scope="col">Structure</th>
                    <th scope="col">Type</th>
                    <th scope="col">Référent ou référente</th>
                  </tr>
                </thead>
                <tbody>
                  {data.members.map((member) => (
                    <tr key={member.structure_id}>
                      <th scope="row">
                        <StructureLink id={member.structure_id} name={member.structure_name} />
                        {member.structure_id === data.coordinating_structure.id && (
                          <span class="tag">coordination</span>
                        )}
                      </th>
                      <td>{kindLabel(member.structure_kind)}</td>
                      <td>{member.referent ? member.referent.display_name : 'non désigné'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      ) : (
        <LoadState resource={collective} what="Collectif" />
      )}

      <section aria-labelledby="collective-sharing">
        <h2 id="collective-sharing">Ce que chaque membre partage</h2>
        <p>
          Chaque structure décide, pour chaque type de données, ce qu'elle partage avec le
          collectif. Sans décision de sa part, rien n'est partagé. La ligne de votre structure est
          surlignée.
        </p>
        {sharing.data ? (
          <TableScroll label="Niveaux de partage par membre">
            <table class="sharing-table">
              <caption class="visually-hidden">
                Niveau de partage de chaque membre, par type de données
              </caption>
              <thead>
                <tr>
                  <th scope="col">Structure</th>
                  {sharing.data.record_kinds.map((kind) => (
                    <th scope="col" key={kind}>
                      {recordKindLabel(kind)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sharing.data.members.map((member) => (
                  <tr
                    key={member.structure_id}
                    class={member.structure_id === acting ? 'mine' : undefined}
                  >
                    <th scope="row">
                      {member.structure_name}
                      {member.structure_id === acting && (
                        <span class="visually-hidden"> (votre structure)</span>
                      )}
                    </th>
                    {sharing.data!.record_kinds.map((kind) => {
                      const level = member.levels[kind] ?? 'private';
                      return (
                        <td key={kind} class={`level level-${level}`}>
                          {levelLabel(level)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <LoadState resource={sharing} what="Partage" />
        )}
      </section>
    </>
  );
}

export default ({ params, session }: PageContext) => <CollectivePage id={Number(params.id)} session={session} />;
