// The shell: session, header (navigation, acting structure, sign-out), routes, footer.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, query, setCsrfToken, setSessionLostHandler } from './api';
import { Notice, toApiError } from './components';
import { safeNextPath } from './next';
import { match, navigate, startRouter, takeHeadingFocus, useLocation, type Location } from './router';
import type { Session } from './types';
import { MODULES } from './modules';
import { NotFoundPage } from './modules/tenancy/NotFound';
import { SignInPage } from './modules/tenancy/SignIn';

startRouter();

/** Pages that make sense without an acting structure. */
const WITHOUT_ACTING = [
  '/structures',
  '/structures/:id',
  '/mot-de-passe',
  '/sessions',
  '/mon-compte',
  '/admin/connexions',
  '/choisir-structure',
];

/** Replaces the current address; a page heading focused before stays the target of focus. */
function Redirect({ to }: { to: string }) {
  useEffect(() => {
    navigate(to, { replace: true, focus: takeHeadingFocus() });
  }, [to]);
  return <p class="loading">Redirection…</p>;
}

export function App() {
  const location = useLocation();
  // undefined: not known yet; null: signed out.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [signInNotice, setSignInNotice] = useState('');
  const [startError, setStartError] = useState('');
  const [signOutError, setSignOutError] = useState('');

  useEffect(() => {
    setSessionLostHandler(() => {
      setCsrfToken('');
      setSession(null);
      setSignInNotice('Votre session a expiré ou a été fermée : reconnectez-vous.');
    });
    api.get<Session>('/api/v1/session').then(
      (current) => {
        setCsrfToken(current.csrf_token);
        setSession(current);
      },
      (caught: unknown) => {
        const failure = toApiError(caught);
        setSession(null);
        if (failure.status !== 401) setStartError(failure.message);
      },
    );
  }, []);

  function signedIn(next: Session) {
    setCsrfToken(next.csrf_token);
    setSession(next);
    setSignInNotice('');
    setStartError('');
    const target = safeNextPath(location.search.get('suite'));
    if (next.acting_structure_id === null && next.hats.length > 1) {
      navigate('/choisir-structure' + query({ suite: target === '/' ? undefined : target }));
    } else {
      navigate(target);
    }
  }

  async function chooseActing(structureId: number, from: 'page' | 'header') {
    const next = await api.put<Session>('/api/v1/session/acting-structure', {
      structure_id: structureId,
    });
    setCsrfToken(next.csrf_token);
    setSession(next);
    if (from === 'page') {
      navigate(safeNextPath(location.search.get('suite')));
    } else if (location.path.startsWith('/collectifs/')) {
      // A collective of the former structure may be closed to the new one.
      navigate('/');
    }
  }

  async function signOut() {
    setSignOutError('');
    try {
      await api.del<void>('/api/v1/session');
    } catch (caught) {
      const failure = toApiError(caught);
      // 401: the session was over already. Otherwise the cookie still opens the session:
      // say so rather than pretend.
      if (failure.status !== 401) {
        setSignOutError(`La déconnexion a échoué : ${failure.message}`);
        return;
      }
    }
    setCsrfToken('');
    setSession(null);
    setSignInNotice('Déconnexion effectuée. À bientôt !');
    navigate('/connexion');
  }

  function allSessionsEnded() {
    setCsrfToken('');
    setSession(null);
    setSignInNotice('Toutes vos sessions ont été fermées, celle-ci comprise.');
    navigate('/connexion');
  }

  let page: ComponentChildren;
  if (session === undefined) {
    page = <p class="loading">Chargement…</p>;
  } else if (session === null) {
    page =
      location.path === '/connexion' ? (
        <SignInPage notice={startError || signInNotice} onSignedIn={signedIn} />
      ) : (
        <Redirect
          to={'/connexion' + query({ suite: location.path === '/' ? undefined : location.href })}
        />
      );
  } else if (location.path === '/connexion') {
    page = <Redirect to={safeNextPath(location.search.get('suite'))} />;
  } else if (
    session.acting_structure_id === null &&
    session.hats.length > 0 &&
    !WITHOUT_ACTING.some((pattern) => match(pattern, location.path))
  ) {
    page = (
      <Redirect
        to={
          '/choisir-structure' +
          query({ suite: location.path === '/' ? undefined : location.href })
        }
      />
    );
  } else {
    page = route(location, session, (id) => chooseActing(id, 'page'), allSessionsEnded);
  }

  // A change of page or of acting structure starts the page afresh (and reloads its data).
  const pageKey = `${location.href}#${session?.acting_structure_id ?? ''}`;

  return (
    <>
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Header
        session={session ?? null}
        location={location}
        onSwitch={(id) => chooseActing(id, 'header')}
        onSignOut={signOut}
        signOutError={signOutError}
      />
      <main id="contenu" tabIndex={-1}>
        <div class="container" key={pageKey}>
          {page}
        </div>
      </main>
      <footer class="site-footer">
        <div class="container">
          <p>
            Ensemble, la coopération des centres sociaux. « Tout seul on va plus vite, ensemble on
            va plus loin. »
          </p>
        </div>
      </footer>
    </>
  );
}

function route(
  location: Location,
  session: Session,
  choose: (id: number) => Promise<void>,
  onAllSessionsEnded: () => void,
): ComponentChildren {
  // Each module's pages in turn (modules/index.ts); an `:id` must be a number.
  for (const module of MODULES) {
    for (const page of module.pages) {
      const params = match(page.pattern, location.path);
      if (!params) continue;
      if (params.id !== undefined && !/^\d+$/.test(params.id)) continue;
      if (page.allowed && !page.allowed(session)) continue;
      return page.render({ location, session, params, choose, onAllSessionsEnded });
    }
  }
  return <NotFoundPage />;
}

function Header({
  session,
  location,
  onSwitch,
  onSignOut,
  signOutError,
}: {
  session: Session | null;
  location: Location;
  onSwitch: (structureId: number) => Promise<void>;
  onSignOut: () => Promise<void>;
  signOutError: string;
}) {
  const links: Array<{ href: string; label: string; current: boolean }> = [];
  if (session) {
    for (const module of MODULES) {
      for (const link of module.nav) {
        if (link.allowed && !link.allowed(session)) continue;
        links.push({ href: link.href, label: link.label, current: link.current(location.path) });
      }
    }
  }
  return (
    <header class="site-header">
      <div class="container header-bar">
        <a class="brand" href="/">
          <span class="brand-mark" aria-hidden="true" />
          Ensemble
        </a>
        {session && (
          <div class="account">
            <ActingSwitcher session={session} onSwitch={onSwitch} />
            <span class="person">{session.person.display_name}</span>
            <button type="button" class="button small" onClick={() => void onSignOut()}>
              Se déconnecter
            </button>
            <Notice kind="error" message={signOutError} />
          </div>
        )}
      </div>
      {session && (
        <nav class="container main-nav" aria-label="Navigation principale">
          <ul>
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={link.current ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

function ActingSwitcher({
  session,
  onSwitch,
}: {
  session: Session;
  onSwitch: (structureId: number) => Promise<void>;
}) {
  const acting = session.acting_structure_id;
  const [choice, setChoice] = useState(acting === null ? '' : String(acting));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    setChoice(acting === null ? '' : String(acting));
  }, [acting]);

  if (session.hats.length === 0) return null;
  if (session.hats.length === 1) {
    return (
      <span class="acting">
        Vous agissez pour <strong>{session.hats[0].structure_name}</strong>
      </span>
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    setStatus('');
    setError('');
    const id = Number(choice);
    if (!choice || id === acting) return;
    try {
      await onSwitch(id);
      const name = session.hats.find((h) => h.structure_id === id)?.structure_name ?? '';
      setStatus(`Vous agissez maintenant pour ${name}.`);
    } catch (caught) {
      setError(toApiError(caught).message);
    }
  }

  return (
    <form class="switcher" onSubmit={submit} aria-label="Structure pour laquelle vous agissez">
      <label for="acting-structure">Vous agissez pour</label>
      <select id="acting-structure" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
        {acting === null && <option value="">Choisissez une structure</option>}
        {session.hats.map((hat) => (
          <option key={hat.structure_id} value={String(hat.structure_id)}>
            {hat.structure_name}
          </option>
        ))}
      </select>
      <button type="submit" class="button small">
        Changer
      </button>
      <div class="visually-hidden">
        <Notice kind="status" message={status} />
      </div>
      <Notice kind="error" message={error} />
    </form>
  );
}
