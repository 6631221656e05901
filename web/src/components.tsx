// Small shared pieces: the page heading, notices, data loading, paging, structure facts.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiError } from './api';
import { formatSiret, kindLabel } from './labels';
import { t } from './i18n';
import { navigate, takeHeadingFocus } from './router';
import type { Structure, StructureDetail } from './types';

/** The page's only h1: names the document and takes the focus after a navigation. */
export function PageHeading({ title, children }: { title: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('core.web.document_title', { title });
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

/** What a page shows about its data (a query of kit/query.ts). */
export interface Resource<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
}

/** What to show while a resource is missing: a loading line or the API's message. */
export function LoadState({ resource, what }: { resource: Resource<unknown>; what: string }) {
  if (resource.error) {
    return (
      <p role="alert" class="notice notice-error">
        {t('core.web.load_error', { what, message: resource.error.message })}
      </p>
    );
  }
  if (resource.loading) return <p class="loading">{t('core.web.loading')}</p>;
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
              {t('core.web.pager.previous')}
            </a>
          ) : (
            <span class="pager-off">{t('core.web.pager.previous')}</span>
          )}
        </li>
        <li aria-current="page">{t('core.web.pager.position', { page, pages })}</li>
        <li>
          {page < pages ? (
            <a href={hrefFor(page + 1)} rel="next">
              {t('core.web.pager.next')}
            </a>
          ) : (
            <span class="pager-off">{t('core.web.pager.next')}</span>
          )}
        </li>
      </ul>
    </nav>
  );
}

export function StructureLink({ id, name }: { id: number; name: string }) {
  return <a href={`/structures/${id}`}>{name || t('tenancy.web.structure_number', { id })}</a>;
}

/** The identity card of a structure: kind, SIRET, address, commune, territory, links. */
export function StructureFacts({ structure }: { structure: Structure | StructureDetail }) {
  const detail = 'manages' in structure ? structure : null;
  return (
    <dl class="facts">
      <div>
        <dt>{t('tenancy.web.facts.kind')}</dt>
        <dd>{kindLabel(structure.kind)}</dd>
      </div>
      <div>
        <dt>{t('tenancy.web.facts.siret')}</dt>
        <dd>{formatSiret(structure.siret)}</dd>
      </div>
      <div>
        <dt>{t('tenancy.web.facts.address')}</dt>
        <dd>{structure.address || t('tenancy.web.not_given_f')}</dd>
      </div>
      <div>
        <dt>{t('tenancy.web.facts.commune')}</dt>
        <dd>{structure.commune_insee || t('tenancy.web.not_given_f')}</dd>
      </div>
      <div>
        <dt>{t('tenancy.web.facts.territory')}</dt>
        <dd>{structure.territory || t('tenancy.web.not_given')}</dd>
      </div>
      <div>
        <dt>{t('tenancy.web.facts.managed_by')}</dt>
        <dd>
          {structure.managed_by ? (
            <StructureLink id={structure.managed_by.id} name={structure.managed_by.name} />
          ) : (
            t('tenancy.web.facts.no_manager')
          )}
        </dd>
      </div>
      {detail && (
        <div>
          <dt>{t('tenancy.web.facts.manages')}</dt>
          <dd>
            {detail.manages.length === 0 ? (
              t('tenancy.web.facts.manages_none')
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
