// The directory of structures: search by name, filter by kind, paged.
import { useState } from 'preact/hooks';
import { query } from '../../api';
import { LoadState, PageHeading, Pager, StructureLink } from '../../components';
import { t } from '../../i18n';
import { Field, Form, Submit, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable, type Column } from '../../kit/ResponsiveTable';
import { formatSiret, kindLabel, STRUCTURE_KINDS } from '../../labels';
import { navigate, type Location } from '../../router';
import type { Page, Structure } from '../../types';
import type { PageContext } from '../module';

export const DIRECTORY_PAGE_SIZE = 10;

function columns(): Column<Structure>[] {
  return [
    {
      key: 'name',
      label: t('tenancy.web.directory.name'),
      rowHeader: true,
      cell: (s) => <StructureLink id={s.id} name={s.name} />,
    },
    { key: 'kind', label: t('tenancy.web.facts.kind'), cell: (s) => kindLabel(s.kind) },
    { key: 'territory', label: t('tenancy.web.facts.territory'), cell: (s) => s.territory },
    { key: 'commune', label: t('tenancy.web.directory.commune'), cell: (s) => s.commune_insee },
    { key: 'siret', label: t('tenancy.web.facts.siret'), class: 'nowrap', cell: (s) => formatSiret(s.siret) },
    {
      key: 'managed_by',
      label: t('tenancy.web.facts.managed_by'),
      cell: (s) =>
        s.managed_by ? (
          <StructureLink id={s.managed_by.id} name={s.managed_by.name} />
        ) : (
          t('tenancy.web.directory.no_manager')
        ),
    },
  ];
}

export function DirectoryPage({ location }: { location: Location }) {
  const q = location.search.get('q') ?? '';
  const kind = location.search.get('type') ?? '';
  const page = Math.max(1, Number.parseInt(location.search.get('page') ?? '1', 10) || 1);
  const [text, setText] = useState(q);
  const [kindChoice, setKindChoice] = useState(kind);

  const result = useQuery<Page<Structure>>(
    '/api/v1/structures' + query({ q, kind, page, page_size: DIRECTORY_PAGE_SIZE }),
  );
  const hrefFor = (target: number) =>
    '/structures' + query({ q, type: kind, page: target > 1 ? target : undefined });

  const search = useForm({
    id: 'directory',
    action: async () => navigate('/structures' + query({ q: text.trim(), type: kindChoice })),
  });

  return (
    <>
      <PageHeading title={t('tenancy.web.nav.directory')} />
      <p>{t('tenancy.web.directory.intro')}</p>
      <Form form={search} class="form filters" role="search" label={t('tenancy.web.directory.search')}>
        <Field name="q" label={t('tenancy.web.directory.name')}>
          {(props) => (
            <input
              {...props}
              type="search"
              maxLength={200}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field name="type" label={t('tenancy.web.directory.kind')}>
          {(props) => (
            <select {...props} value={kindChoice} onChange={(e) => setKindChoice(e.currentTarget.value)}>
              <option value="">{t('tenancy.web.directory.all_kinds')}</option>
              {STRUCTURE_KINDS.map((code) => (
                <option key={code} value={code}>
                  {kindLabel(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Submit>{t('tenancy.web.directory.submit')}</Submit>
      </Form>

      <section aria-labelledby="directory-results">
        <h2 id="directory-results">{t('tenancy.web.directory.results')}</h2>
        <p role="status" class="count">
          {result.data && !result.loading ? t('tenancy.web.directory.count', { count: result.data.total }) : ''}
        </p>
        {result.data && result.data.items.length > 0 ? (
          <>
            <ResponsiveTable
              label={t('tenancy.web.directory.region')}
              caption={t('tenancy.web.directory.caption', { page })}
              columns={columns()}
              rows={result.data.items}
              rowKey={(s) => s.id}
            />
            <Pager
              page={page}
              pageSize={result.data.page_size}
              total={result.data.total}
              hrefFor={hrefFor}
              label={t('tenancy.web.directory.pages')}
            />
          </>
        ) : result.data && result.data.total > 0 && !result.loading ? (
          <p>
            {t('tenancy.web.beyond_results')} <a href={hrefFor(1)}>{t('tenancy.web.back_to_first_page')}</a>
          </p>
        ) : (
          <LoadState resource={result} what={t('tenancy.web.directory.what')} />
        )}
      </section>
    </>
  );
}

export default ({ location }: PageContext) => <DirectoryPage location={location} />;
