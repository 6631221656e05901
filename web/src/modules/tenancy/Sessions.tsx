// The signed-in person's open sessions: where and when each was opened and last used; she can
// end any of them, or all at once (which signs her out here too).
import { useRef } from 'preact/hooks';
import { api } from '../../api';
import { LoadState, PageHeading } from '../../components';
import { formatDateTime, t } from '../../i18n';
import { FormMessages, useForm } from '../../kit/form';
import { useQuery } from '../../kit/query';
import { ResponsiveTable } from '../../kit/ResponsiveTable';
import type { Items, SessionSummary } from '../../types';
import type { PageContext } from '../module';

const SESSIONS = '/api/v1/me/sessions';

export function SessionsPage({ onAllEnded }: { onAllEnded: () => void }) {
  const sessions = useQuery<Items<SessionSummary>>(SESSIONS, { revalidate: true });
  const target = useRef<SessionSummary | null>(null);
  const endOne = useForm({
    id: 'end-session',
    action: async () => {
      if (!target.current) return;
      await api.del<void>(`${SESSIONS}/${encodeURIComponent(target.current.id)}`);
      return t('tenancy.web.sessions.ended_one');
    },
    invalidates: [SESSIONS],
  });
  const endAll = useForm({
    id: 'end-sessions',
    action: async () => {
      await api.del<{ ended: number }>(SESSIONS);
      onAllEnded();
    },
  });
  const busy = endOne.busy || endAll.busy;

  const items = sessions.data?.items ?? [];
  return (
    <div>
      <PageHeading title={t('tenancy.web.nav.sessions')} />
      <p>{t('tenancy.web.sessions.intro')}</p>
      <LoadState resource={sessions} what={t('tenancy.web.sessions.what')} />
      {items.length > 0 && (
        <ResponsiveTable
          label={t('tenancy.web.sessions.region')}
          caption={t('tenancy.web.sessions.region')}
          rows={items}
          rowKey={(session) => session.id}
          columns={[
            {
              key: 'browser',
              label: t('tenancy.web.sessions.browser'),
              cell: (session) => (
                <>
                  {session.user_agent || t('tenancy.web.sessions.unknown')}
                  {session.current && <strong> {t('tenancy.web.sessions.current')}</strong>}
                </>
              ),
            },
            { key: 'address', label: t('tenancy.web.activity.address'), cell: (session) => session.address },
            {
              key: 'created',
              label: t('tenancy.web.sessions.created'),
              cell: (session) => formatDateTime(session.created_at),
            },
            {
              key: 'last_seen',
              label: t('tenancy.web.sessions.last_seen'),
              cell: (session) => formatDateTime(session.last_seen_at),
            },
            {
              key: 'action',
              label: t('tenancy.web.audit.action'),
              hiddenLabel: true,
              cell: (session) =>
                !session.current && (
                  <button
                    type="button"
                    class="button small"
                    aria-busy={busy ? true : undefined}
                    onClick={() => {
                      target.current = session;
                      void endOne.run();
                    }}
                  >
                    {t('tenancy.web.sessions.end')}
                    <span class="visually-hidden"> {t('tenancy.web.sessions.end_which', { browser: session.user_agent })}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
      <FormMessages form={endOne} />
      <FormMessages form={endAll} />
      <button type="button" class="button" aria-busy={busy ? true : undefined} onClick={() => void endAll.run()}>
        {t('tenancy.web.sessions.end_all')}
      </button>
    </div>
  );
}

export default ({ onAllSessionsEnded }: PageContext) => <SessionsPage onAllEnded={onAllSessionsEnded} />;
