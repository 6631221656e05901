// Small shared pieces: the page heading, notices, data loading, paging, structure facts.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { formatSiret, kindLabel } from './labels';
import { t } from './i18n';
import { navigate, takeHeadingFocus } from './router';
import type { Structure, StructureDetail } from './types';

/** The page's only h1: names the document and takes the focus after a navigation. */
export function PageHeading({ title, children }: { title: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Ensemble`;
  }, [title]);
  useEffect(() => {
    if (takeHeadingFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? title}
    </h1>
  );
}

/**
 * A live region that is always in the document, so that screen readers announce what
 * appears in it: role="alert" for errors, role="status" for confirmations.
 */
export function Notice({ kind, message, id }: { kind: 'error' | 'status'; message: string; id?: string }) {
  return (
    <div
      id={id}
      role={kind === 'error' ? 'alert' : 'status'}
      class={message ? `notice notice-${kind}` : 'notice-empty'}
    >
      {message}
    </div>
  );
}

/** Replaces the current address; a page heading focused before stays the target of focus. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true, focus: takeHeadingFocus() });
  }, [to]);
  return <p class="loading">{t('core.web.redirecting')}</p>;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client', error instanceof Error ? error.message : String(error));
}

export interface Resource<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload: () => void;
}

/** Loads data when the dependencies change; keeps the last error for display. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: toApiError(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** What to show while a resource is missing: a loading line or the API's message. */
export function LoadState({ resource, what }: { resource: Resource<unknown>; what: string }) {
  if (resource.error) {
    return (
      <p role="alert" class="notice notice-error">
        {what} : {resource.error.message}
      </p>
    );
  }
  if (resource.loading) return <p class="loading">Chargement…</p>;
  return null;
}

export function Pager({
  page,
  pageSize,
  total,
  hrefFor,
  label,
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <ul>
        <li>
          {page > 1 ? (
            <a href={hrefFor(page - 1)} rel="prev">
              Page précédente
            </a>
          ) : (
            <span class="pager-off">Page précédente</span>
          )}
        </li>
        <li aria-current="page">
          Page {page} sur {pages}
        </li>
        <li>
          {page < pages ? (
            <a href={hrefFor(page + 1)} rel="next">
              Page suivante
            </a>
          ) : (
            <span class="pager-off">Page suivante</span>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** A wide table in a region that scrolls sideways and can be reached with the keyboard. */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function StructureLink({ id, name }: { id: number; name: string }) {
  return <a href={`/structures/${id}`}>{name || `Structure n° ${id}`}</a>;
}

/** The identity card of a structure: kind, SIRET, address, commune, territory, links. */
export function StructureFacts({ structure }: { structure: Structure | StructureDetail }) {
  const detail = 'manages' in structure ? structure : null;
  return (
    <dl class="facts">
      <div>
        <dt>Type</dt>
        <dd>{kindLabel(structure.kind)}</dd>
      </div>
      <div>
        <dt>SIRET</dt>
        <dd>{formatSiret(structure.siret)}</dd>
      </div>
      <div>
        <dt>Adresse</dt>
        <dd>{structure.address || 'non renseignée'}</dd>
      </div>
      <div>
        <dt>Commune (code INSEE)</dt>
        <dd>{structure.commune_insee || 'non renseignée'}</dd>
      </div>
      <div>
        <dt>Territoire</dt>
        <dd>{structure.territory || 'non renseigné'}</dd>
      </div>
      <div>
        <dt>Gérée par</dt>
        <dd>
          {structure.managed_by ? (
            <StructureLink id={structure.managed_by.id} name={structure.managed_by.name} />
          ) : (
            'aucune structure gestionnaire'
          )}
        </dd>
      </div>
      {detail && (
        <div>
          <dt>Gère</dt>
          <dd>
            {detail.manages.length === 0 ? (
              'aucune structure'
            ) : (
              <ul class="inline-list">
                {detail.manages.map((ref) => (
                  <li key={ref.id}>
                    <StructureLink id={ref.id} name={ref.name} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}
