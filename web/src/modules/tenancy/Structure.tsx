// Any structure's public card, as the directory links to it.
import { LoadState, PageHeading, StructureFacts } from '../../components';
import { t } from '../../i18n';
import { useQuery } from '../../kit/query';
import type { Session, StructureDetail } from '../../types';
import type { PageContext } from '../module';

export function StructurePage({ id, session }: { id: number; session: Session }) {
  const structure = useQuery<StructureDetail>(`/api/v1/structures/${id}`);
  const data = structure.data;
  const mine = session.acting_structure_id === id;
  return (
    <>
      <p class="eyebrow">
        <a href="/structures">{t('tenancy.web.nav.directory')}</a>
      </p>
      <PageHeading title={data?.name ?? t('tenancy.web.collective.structure')} />
      {data ? (
        <>
          {mine && (
            <p class="notice notice-info">
              {t('tenancy.web.structure.mine')} <a href="/">{t('tenancy.web.structure.see_full')}</a>
            </p>
          )}
          <StructureFacts structure={data} />
          <section aria-labelledby="structure-collectives">
            <h2 id="structure-collectives">{t('tenancy.web.collectives')}</h2>
            {data.collectives.length === 0 ? (
              <p>{t('tenancy.web.structure.no_collective')}</p>
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
        <LoadState resource={structure} what={t('tenancy.web.structure_card')} />
      )}
    </>
  );
}

export default ({ params, session }: PageContext) => <StructurePage id={Number(params.id)} session={session} />;
