// The acting structure: its card, its collectives and its staff.
import { can } from '../../actions';
import { LoadState, PageHeading, StructureFacts, StructureLink } from '../../components';
import { t } from '../../i18n';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import { rolesLabel } from '../../labels';
import type { CollectiveSummary, Items, Session, StaffMember, StructureDetail } from '../../types';
import type { PageContext } from '../module';

export function MyStructurePage({ session }: { session: Session }) {
  const actingId = session.acting_structure_id;
  if (actingId === null) {
    return (
      <>
        <PageHeading title={t('tenancy.web.nav.my_structure')} />
        <p>
          {t('tenancy.web.my_structure.none')}{' '}
          {session.hats.length > 0 ? (
            <a href="/choisir-structure">{t('tenancy.web.my_structure.choose')}</a>
          ) : (
            <a href="/structures">{t('tenancy.web.see_directory')}</a>
          )}
        </p>
      </>
    );
  }
  return <ActingStructure id={actingId} session={session} />;
}

function ActingStructure({ id, session }: { id: number; session: Session }) {
  const structure = useQuery<StructureDetail>(`/api/v1/structures/${id}`);
  const collectives = useQuery<Items<CollectiveSummary>>('/api/v1/collectives');
  const staff = useQuery<Items<StaffMember>>(`/api/v1/structures/${id}/staff`);
  const hat = session.hats.find((h) => h.structure_id === id);
  const title = structure.data?.name ?? hat?.structure_name ?? t('tenancy.web.nav.my_structure');
  // The session says whether the acting hat may change its structure's sharing in its
  // collectives.
  const mayChangeSharing = can(session, 'change_sharing');

  return (
    <>
      <p class="eyebrow">{t('tenancy.web.nav.my_structure')}</p>
      <PageHeading title={title} />
      <p class="lead">{t('tenancy.web.my_structure.roles', { roles: rolesLabel(session.acting_roles) })}</p>
      {structure.data ? (
        <StructureFacts structure={structure.data} />
      ) : (
        <LoadState resource={structure} what={t('tenancy.web.structure_card')} />
      )}

      <section aria-labelledby="my-collectives">
        <h2 id="my-collectives">{t('tenancy.web.collectives')}</h2>
        {collectives.data ? (
          collectives.data.items.length === 0 ? (
            <p>{t('tenancy.web.my_structure.no_collective')}</p>
          ) : (
            <ul class="cards">
              {collectives.data.items.map((collective) => (
                <li class="card" key={collective.id}>
                  <h3>
                    <a href={`/collectifs/${collective.id}`}>{collective.name}</a>
                  </h3>
                  <p>{collective.purpose}</p>
                  <p class="meta">
                    {t('tenancy.web.my_structure.coordination')}{' '}
                    <StructureLink
                      id={collective.coordinating_structure.id}
                      name={collective.coordinating_structure.name}
                    />{' '}
                    · {t('tenancy.web.my_structure.members', { count: collective.member_count })}
                  </p>
                  <p>
                    <a href={`/collectifs/${collective.id}/partage`}>
                      {mayChangeSharing
                        ? t('tenancy.web.my_structure.set_sharing', { name: collective.name })
                        : t('tenancy.web.my_structure.see_sharing', { name: collective.name })}
                    </a>
                  </p>
                </li>
              ))}
            </ul>
          )
        ) : (
          <LoadState resource={collectives} what={t('tenancy.web.collectives')} />
        )}
      </section>

      <section aria-labelledby="my-staff">
        <h2 id="my-staff">{t('tenancy.web.staff')}</h2>
        {staff.data ? (
          staff.data.items.length === 0 ? (
            <p>{t('tenancy.web.my_structure.no_staff')}</p>
          ) : (
            <ResponsiveTable
              label={t('tenancy.web.my_structure.staff_region')}
              caption={t('tenancy.web.my_structure.staff_caption', { count: staff.data.items.length })}
              captionHidden={false}
              rows={staff.data.items}
              rowKey={(member) => member.person_id}
              columns={[
                {
                  key: 'name',
                  label: t('tenancy.web.directory.name'),
                  rowHeader: true,
                  cell: (member) => member.display_name,
                },
                {
                  key: 'email',
                  label: t('tenancy.web.sign_in.email'),
                  cell: (member) => <a href={`mailto:${member.email}`}>{member.email}</a>,
                },
                { key: 'roles', label: t('tenancy.web.roles'), cell: (member) => rolesLabel(member.roles) },
              ]}
            />
          )
        ) : (
          <LoadState resource={staff} what={t('tenancy.web.staff')} />
        )}
      </section>
    </>
  );
}

export default ({ session }: PageContext) => <MyStructurePage session={session} />;
