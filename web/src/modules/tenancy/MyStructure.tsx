// The acting structure: its card, its collectives and its staff.
import { can } from '../../actions';
import { api } from '../../api';
import {
  LoadState,
  PageHeading,
  StructureFacts,
  StructureLink,
  TableScroll,
  useResource,
} from '../../components';
import { countLabel, rolesLabel } from '../../labels';
import type { CollectiveSummary, Items, Session, StaffMember, StructureDetail } from '../../types';
import type { PageContext } from '../module';

export function MyStructurePage({ session }: { session: Session }) {
  const actingId = session.acting_structure_id;
  if (actingId === null) {
    return (
      <>
        <PageHeading title="Ma structure" />
        <p>
          Vous n'agissez pour aucune structure.{' '}
          {session.hats.length > 0 ? (
            <a href="/choisir-structure">Choisir la structure pour laquelle vous agissez</a>
          ) : (
            <a href="/structures">Consulter l'annuaire des structures</a>
          )}
        </p>
      </>
    );
  }
  return <ActingStructure id={actingId} session={session} />;
}

function ActingStructure({ id, session }: { id: number; session: Session }) {
  const structure = useResource(() => api.get<StructureDetail>(`/api/v1/structures/${id}`), [id]);
  const collectives = useResource(
    () => api.get<Items<CollectiveSummary>>('/api/v1/collectives'),
    [id],
  );
  const staff = useResource(
    () => api.get<Items<StaffMember>>(`/api/v1/structures/${id}/staff`),
    [id],
  );
  const hat = session.hats.find((h) => h.structure_id === id);
  const title = structure.data?.name ?? hat?.structure_name ?? 'Ma structure';
  // The session says whether the acting hat may change its structure's sharing in its
  // collectives.
  const mayChangeSharing = can(session, 'change_sharing');

  return (
    <>
      <p class="eyebrow">Ma structure</p>
      <PageHeading title={title} />
      <p class="lead">Vos rôles ici : {rolesLabel(session.acting_roles)}.</p>
      {structure.data ? (
        <StructureFacts structure={structure.data} />
      ) : (
        <LoadState resource={structure} what="Fiche de la structure" />
      )}

      <section aria-labelledby="my-collectives">
        <h2 id="my-collectives">Collectifs</h2>
        {collectives.data ? (
          collectives.data.items.length === 0 ? (
            <p>Votre structure ne fait partie d'aucun collectif.</p>
          ) : (
            <ul class="cards">
              {collectives.data.items.map((collective) => (
                <li class="card" key={collective.id}>
                  <h3>
                    <a href={`/collectifs/${collective.id}`}>{collective.name}</a>
                  </h3>
                  <p>{collective.purpose}</p>
                  <p class="meta">
                    Coordination :{' '}
                    <StructureLink
                      id={collective.coordinating_structure.id}
                      name={collective.coordinating_structure.name}
                    />{' '}
                    · {countLabel(collective.member_count, 'membre', 'membres', 'aucun membre')}
                  </p>
                  <p>
                    <a href={`/collectifs/${collective.id}/partage`}>
                      {mayChangeSharing ? 'Régler' : 'Voir'} ce que nous partageons avec «{'\u00a0'}
                      {collective.name}
                      {'\u00a0'}»
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )
        ) : (
          <LoadState resource={collectives} what="Collectifs" />
        )}
      </section>

      <section aria-labelledby="my-staff">
        <h2 id="my-staff">Équipe</h2>
        {staff.data ? (
          staff.data.items.length === 0 ? (
            <p>Personne n'a encore de rôle dans cette structure.</p>
          ) : (
            <TableScroll label="Équipe de la structure">
              <table>
                <caption>
                  {countLabel(staff.data.items.length, 'personne', 'personnes', 'personne')} ayant un
                  rôle dans la structure
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Adresse e-mail</th>
                    <th scope="col">Rôles</th>
                  </tr>
                </thead>
                <tbody>
                  {staff.data.items.map((member) => (
                    <tr key={member.person_id}>
                      <th scope="row">{member.display_name}</th>
                      <td>
                        <a href={`mailto:${member.email}`}>{member.email}</a>
                      </td>
                      <td>{rolesLabel(member.roles)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        ) : (
          <LoadState resource={staff} what="Équipe" />
        )}
      </section>
    </>
  );
}

export default ({ session }: PageContext) => <MyStructurePage session={session} />;
