// The signed-in person's open sessions: where and when each was opened and last used; she can
// end any of them, or all at once (which signs her out here too).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { LoadState, Notice, PageHeading, TableScroll, toApiError, useResource } from '../../components';
import { formatDateTime } from '../../labels';
import type { Items, SessionSummary } from '../../types';
import type { PageContext } from '../module';

export function SessionsPage({ onAllEnded }: { onAllEnded: () => void }) {
  const sessions = useResource(() => api.get<Items<SessionSummary>>('/api/v1/me/sessions'), []);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>, done: string) {
    if (busy) return;
    setBusy(true);
    setError('');
    setStatus('');
    try {
      await action();
      setStatus(done);
      sessions.reload();
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  }

  const endOne = (session: SessionSummary) =>
    run(() => api.del<void>('/api/v1/me/sessions/' + encodeURIComponent(session.id)), 'La session a été fermée.');
  const endAll = () =>
    run(async () => {
      await api.del<{ ended: number }>('/api/v1/me/sessions');
      onAllEnded();
    }, 'Toutes vos sessions ont été fermées.');

  const items = sessions.data?.items ?? [];
  return (
    <div>
      <PageHeading title="Mes sessions" />
      <p>
        Les appareils et navigateurs où vous êtes connecté·e. Fermez une session que vous ne
        reconnaissez pas, puis changez votre mot de passe.
      </p>
      <LoadState resource={sessions} what="Sessions" />
      {items.length > 0 && (
        <TableScroll label="Sessions ouvertes">
          <table>
            <caption class="visually-hidden">Sessions ouvertes</caption>
            <thead>
              <tr>
                <th scope="col">Navigateur</th>
                <th scope="col">Adresse</th>
                <th scope="col">Ouverte le</th>
                <th scope="col">Dernière activité</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((session) => (
                <tr key={session.id}>
                  <td data-label="Navigateur">
                    {session.user_agent || 'Inconnu'}
                    {session.current && <strong> (cette session)</strong>}
                  </td>
                  <td data-label="Adresse">{session.address}</td>
                  <td data-label="Ouverte le">{formatDateTime(session.created_at)}</td>
                  <td data-label="Dernière activité">{formatDateTime(session.last_seen_at)}</td>
                  <td>
                    {!session.current && (
                      <button
                        type="button"
                        class="button small"
                        aria-busy={busy ? true : undefined}
                        onClick={() => void endOne(session)}
                      >
                        Fermer<span class="visually-hidden"> la session {session.user_agent}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Notice kind="error" message={error} />
      <Notice kind="status" message={status} />
      <button type="button" class="button" aria-busy={busy ? true : undefined} onClick={() => void endAll()}>
        Fermer toutes mes sessions
      </button>
    </div>
  );
}

export default ({ onAllSessionsEnded }: PageContext) => <SessionsPage onAllEnded={onAllSessionsEnded} />;
