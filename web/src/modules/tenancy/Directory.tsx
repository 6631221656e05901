// The directory of structures: search by name, filter by kind, paged.
import { useState } from 'preact/hooks';
import { api, query } from '../../api';
import { LoadState, PageHeading, Pager, StructureLink, TableScroll, useResource } from '../../components';
import { countLabel, formatSiret, kindLabel, STRUCTURE_KINDS } from '../../labels';
import { navigate, type Location } from '../../router';
import type { Page, Structure } from '../../types';
import type { PageContext } from '../module';

export const DIRECTORY_PAGE_SIZE = 10;

export function DirectoryPage({ location }: { location: Location }) {
  const q = location.search.get('q') ?? '';
  const kind = location.search.get('type') ?? '';
  const page = Math.max(1, Number.parseInt(location.search.get('page') ?? '1', 10) || 1);
  const [text, setText] = useState(q);
  const [kindChoice, setKindChoice] = useState(kind);

  const result = useResource(
    () =>
      api.get<Page<Structure>>(
        '/api/v1/structures' + query({ q, kind, page, page_size: DIRECTORY_PAGE_SIZE }),
      ),
    [q, kind, page],
  );

  const hrefFor = (target: number) =>
    '/structures' + query({ q, type: kind, page: target > 1 ? target : undefined });

  function submit(event: Event) {
    event.preventDefault();
    navigate('/structures' + query({ q: text.trim(), type: kindChoice }));
  }


  return (
    <>
      <PageHeading title="Annuaire des structures" />
      <p>
        Les centres sociaux, associations gestionnaires, fédérations, partenaires et financeurs du
        réseau.
      </p>
      <form class="form filters" role="search" aria-label="Rechercher une structure" onSubmit={submit}>
        <div class="field">
          <label for="directory-q">Nom</label>
          <input
            id="directory-q"
            name="q"
            type="search"
            maxLength={200}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="directory-kind">Type de structure</label>
          <select
            id="directory-kind"
            name="type"
            value={kindChoice}
            onChange={(e) => setKindChoice(e.currentTarget.value)}
          >
            <option value="">Tous les types</option>
            {Object.entries(STRUCTURE_KINDS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button primary">
          Rechercher
        </button>
      </form>

      <section aria-labelledby="directory-results">
        <h2 id="directory-results">Résultats</h2>
        <p role="status" class="count">
          {result.data && !result.loading
            ? countLabel(result.data.total, 'structure trouvée', 'structures trouvées', 'Aucune structure trouvée')
            : ''}
        </p>
        {result.data && result.data.items.length > 0 ? (
          <>
            <TableScroll label="Structures trouvées">
              <table>
                <caption class="visually-hidden">Structures, page {page}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Type</th>
                    <th scope="col">Territoire</th>
                    <th scope="col">Commune (INSEE)</th>
                    <th scope="col">SIRET</th>
                    <th scope="col">Gérée par</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.items.map((structure) => (
                    <tr key={structure.id}>
                      <th scope="row">
                        <StructureLink id={structure.id} name={structure.name} />
                      </th>
                      <td>{kindLabel(structure.kind)}</td>
                      <td>{structure.territory}</td>
                      <td>{structure.commune_insee}</td>
                      <td class="nowrap">{formatSiret(structure.siret)}</td>
                      <td>
                        {structure.managed_by ? (
                          <StructureLink
                            id={structure.managed_by.id}
                            name={structure.managed_by.name}
                          />
                        ) : (
                          'aucune'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <Pager
              page={page}
              pageSize={result.data.page_size}
              total={result.data.total}
              hrefFor={hrefFor}
              label="Pages de l'annuaire"
            />
          </>
        ) : result.data && result.data.total > 0 && !result.loading ? (
          <p>
            Cette page est au-delà des résultats. <a href={hrefFor(1)}>Revenir à la première page</a>
          </p>
        ) : (
          <LoadState resource={result} what="Annuaire" />
        )}
      </section>
    </>
  );
}

export default ({ location }: PageContext) => <DirectoryPage location={location} />;
