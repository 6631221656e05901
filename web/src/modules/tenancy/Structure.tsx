// Any structure's public card, as the directory links to it.
import { api } from '../../api';
import { LoadState, PageHeading, StructureFacts, useResource } from '../../components';
import type { Session, StructureDetail } from '../../types';
import type { PageContext } from '../module';

export function StructurePage({ id, session }: { id: number; session: Session }) {
  const structure = useResource(() => api.get<StructureDetail>(`/api/v1/structures/${id}`), [id]);
  const data = structure.data;
  const mine = session.acting_structure_id === id;
  return (
    <>
      <p class="eyebrow">
        <a href="/structures">Annuaire des structures</a>
      </p>
      <PageHeading title={data?.name ?? 'Structure'} />
      {data ? (
        <>
          {mine && (
            <p class="notice notice-info">
              C'est la structure pour laquelle vous agissez : <a href="/">voir sa page complète</a>.
            </p>
          )}
          <StructureFacts structure={data} />
          <section aria-labelledby="structure-collectives">
            <h2 id="structure-collectives">Collectifs</h2>
            {data.collectives.length === 0 ? (
              <p>Cette structure ne fait partie d'aucun collectif.</p>
            ) : (
              <ul>
                {data.collectives.map((collective) => (
                  <li key={collective.id}>{collective.name}</li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : (
        <LoadState resource={structure} what="Fiche de la structure" />
      )}
    </>
  );
}

export default ({ params, session }: PageContext) => <StructurePage id={Number(params.id)} session={session} />;
