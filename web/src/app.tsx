// The shell: session, header (navigation, acting structure, language, sign-out), routes, footer
// (the modules' footer links).
// Routes come from the modules' tables (modules/index.ts); the shell only applies what a route
// needs — nobody, a signed-in person, an acting structure — and loads the page's code.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, query, setCsrfToken, setSessionLostHandler } from './api';
import { Notice, Redirect, toApiError } from './components';
import { CollapsibleMenu } from './kit/Menu';
import { clearQueries } from './kit/query';
import { isLanguage, LANGUAGES, setLanguage, t, useLanguage, type Language } from './i18n';
import { MODULES } from './modules';
import type { Page, PublicPageContext, RouteDef } from './modules/module';
import { NotFoundPage } from './modules/tenancy/NotFound';
import { safeNextPath } from './next';
import { resolve } from './routes';
import { navigate, startRouter, useLocation, type Location } from './router';
import type { Session } from './types';
import { frenchArticle } from './i18n/articles';

startRouter();

const loadedPages = new Map<RouteDef, Page<PublicPageContext>>();

/** The page's code as a function of the context; the shell never calls a signed-in page without a session. */
async function loadPage(route: RouteDef): Promise<Page<PublicPageContext>> {
  if (route.needs === 'public') return (await route.load()).default;
  const page = (await route.load()).default;
  return (context) => (context.session ? page({ ...context, session: context.session }) : null);
}

/** A route's page, its code loaded on first use (then kept for the next visits). */
function RoutePage({ route, context }: { route: RouteDef; context: PublicPageContext }) {
  const [page, setPage] = useState<Page<PublicPageContext> | undefined>(() => loadedPages.get(route));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (page) return;
    if (route.titleId) document.title = t('core.web.document_title', { title: t(route.titleId) });
    let live = true;
    loadPage(route).then(
      (loaded) => {
        loadedPages.set(route, loaded);
        if (live) setPage(() => loaded);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [route]);
  if (failed) {
    return (
      <p role="alert" class="notice notice-error">
        {t('core.web.page_load_failed')}
      </p>
    );
  }
  if (!page) return <p class="loading">{t('core.web.loading')}</p>;
  return <>{page(context)}</>;
}

export function App() {
  const location = useLocation();
  const language = useLanguage();
  // undefined: not known yet; null: signed out.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  /** The language picked while nobody was signed in: her account takes it at sign-in. */
  const chosenSignedOut = useRef<Language | null>(null);
  const [signInNotice, setSignInNotice] = useState('');
  const [startError, setStartError] = useState('');
  const [headerError, setHeaderError] = useState('');

  /** A session from the server: its token, and the person's own language when she chose one. */
  function takeSession(next: Session) {
    clearQueries();
    setCsrfToken(next.csrf_token);
    setSession(next);
    if (isLanguage(next.language)) setLanguage(next.language);
  }

  /** Nobody is signed in any more: nothing of the former session stays, and the sign-in page says why. */
  function signedOut(notice: string) {
    clearQueries();
    setCsrfToken('');
    setSession(null);
    setSignInNotice(notice);
  }

  useEffect(() => {
    setSessionLostHandler(() => signedOut(t('core.web.session_lost')));
    api.get<Session>('/api/v1/session').then(takeSession, (caught: unknown) => {
      const failure = toApiError(caught);
      setSession(null);
      if (failure.status !== 401) setStartError(failure.message);
    });
  }, []);

  function signedIn(opened: Session) {
    // A language picked on the pages before signing in is her choice: it becomes her account's.
    const chosen = chosenSignedOut.current;
    chosenSignedOut.current = null;
    const next = chosen && chosen !== opened.language ? { ...opened, language: chosen } : opened;
    takeSession(next);
    if (next !== opened) void saveLanguage(next.language as Language);
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
    // What every answer shows depends on the acting structure.
    clearQueries();
    setCsrfToken(next.csrf_token);
    setSession(next);
    if (from === 'page') {
      navigate(safeNextPath(location.search.get('suite')));
    } else if (location.path.startsWith('/collectifs/')) {
      // A collective of the former structure may be closed to the new one.
      navigate('/');
    }
  }

  async function chooseLanguage(next: Language) {
    setHeaderError('');
    // The server words its answers in the language asked: none of the cached ones stays right.
    clearQueries();
    setLanguage(next);
    if (!session) {
      chosenSignedOut.current = next;
      return;
    }
    await saveLanguage(next);
  }

  async function saveLanguage(next: Language) {
    try {
      await api.put<unknown>('/api/v1/me/language', { language: next });
    } catch (caught) {
      const failure = toApiError(caught);
      // 404: a server without the endpoint yet; the choice is still kept in this browser.
      if (failure.status !== 404) setHeaderError(t('core.web.language.save_failed', { message: failure.message }));
    }
  }

  async function signOut() {
    setHeaderError('');
    try {
      await api.del<void>('/api/v1/session');
    } catch (caught) {
      const failure = toApiError(caught);
      // 401: the session was over already. Otherwise the cookie still opens the session:
      // say so rather than pretend.
      if (failure.status !== 401) {
        setHeaderError(t('core.web.sign_out_failed', { message: failure.message }));
        return;
      }
    }
    signedOut(t('core.web.signed_out'));
    navigate('/connexion');
  }

  function allSessionsEnded() {
    signedOut(t('core.web.all_sessions_ended'));
    navigate('/connexion');
  }

  let page: ComponentChildren;
  if (session === undefined) {
    page = <p class="loading">{t('core.web.loading')}</p>;
  } else {
    const resolved = resolve(location, session);
    if (resolved === null) {
      page = <NotFoundPage />;
    } else if ('redirect' in resolved) {
      page = <Redirect to={resolved.redirect} />;
    } else {
      const context: PublicPageContext = {
        location,
        session,
        params: resolved.params,
        choose: (id) => chooseActing(id, 'page'),
        onAllSessionsEnded: allSessionsEnded,
        notice: startError || signInNotice,
        onSignedIn: signedIn,
      };
      page = <RoutePage route={resolved.route} context={context} />;
    }
  }

  // A change of page, of acting structure or of language starts the page afresh (and reloads
  // its data, which the server words in the language asked).
  const pageKey = `${location.href}#${session?.acting_structure_id ?? ''}#${language}`;

  return (
    <>
      <a class="skip-link" href="#contenu">
        {t('core.web.skip_to_content')}
      </a>
      <Header
        session={session ?? null}
        location={location}
        language={language}
        onLanguage={chooseLanguage}
        onSwitch={(id) => chooseActing(id, 'header')}
        onSignOut={signOut}
        error={headerError}
      />
      <main id="contenu" tabIndex={-1}>
        <div class="container" key={pageKey}>
          {page}
        </div>
      </main>
      <footer class="site-footer">
        <div class="container">
          <FooterLinks path={location.path} />
          <p>{t('core.web.footer')}</p>
        </div>
      </footer>
    </>
  );
}

/** The modules' footer links (the legal pages), the same signed in or not. */
function FooterLinks({ path }: { path: string }) {
  const links = MODULES.flatMap((module) => module.footer ?? []);
  if (links.length === 0) return null;
  return (
    <nav class="footer-nav" aria-label={t('about.web.footer.label')}>
      <ul>
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} aria-current={link.href === path ? 'page' : undefined}>
              {t(link.labelId)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageSwitch({ language, onLanguage }: { language: Language; onLanguage: (next: Language) => void }) {
  return (
    <div class="language-switch" role="group" aria-label={t('core.web.language.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          class="button small"
          lang={code}
          aria-pressed={code === language}
          onClick={() => onLanguage(code)}
        >
          <span aria-hidden="true">{code.toUpperCase()}</span>
          <span class="visually-hidden">{code === 'fr' ? 'Français' : 'English'}</span>
        </button>
      ))}
    </div>
  );
}

function Header({
  session,
  location,
  language,
  onLanguage,
  onSwitch,
  onSignOut,
  error,
}: {
  session: Session | null;
  location: Location;
  language: Language;
  onLanguage: (next: Language) => void;
  onSwitch: (structureId: number) => Promise<void>;
  onSignOut: () => Promise<void>;
  error: string;
}) {
  const links: Array<{ href: string; label: string; current: boolean }> = [];
  if (session) {
    for (const module of MODULES) {
      for (const link of module.nav) {
        if (link.allowed && !link.allowed(session)) continue;
        links.push({ href: link.href, label: t(link.labelId), current: link.current(location.path) });
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
        <LanguageSwitch language={language} onLanguage={onLanguage} />
        {session && (
          <CollapsibleMenu id="site-menu" label={t('kit.web.menu')} closeOn={location.href}>
            <nav class="main-nav" aria-label={t('core.web.main_nav')}>
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
            <div class="account">
              <ActingSwitcher session={session} onSwitch={onSwitch} />
              <span class="person">{session.person.display_name}</span>
              <button type="button" class="button small" onClick={() => void onSignOut()}>
                {t('core.web.sign_out')}
              </button>
            </div>
          </CollapsibleMenu>
        )}
        <div class="header-notice">
          <Notice kind="error" message={error} />
        </div>
      </div>
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
        {t('core.web.acting.for')} <strong>{session.hats[0].structure_name}</strong>
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
      setStatus(t('core.web.acting.now_for', { name, article: frenchArticle(name) }));
    } catch (caught) {
      setError(toApiError(caught).message);
    }
  }

  return (
    <form class="switcher" onSubmit={submit} aria-label={t('core.web.acting.form')}>
      <label for="acting-structure">{t('core.web.acting.for')}</label>
      <select id="acting-structure" value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
        {acting === null && <option value="">{t('core.web.acting.choose')}</option>}
        {session.hats.map((hat) => (
          <option key={hat.structure_id} value={String(hat.structure_id)}>
            {hat.structure_name}
          </option>
        ))}
      </select>
      <button type="submit" class="button small">
        {t('core.web.acting.change')}
      </button>
      <div class="visually-hidden">
        <Notice kind="status" message={status} />
      </div>
      <Notice kind="error" message={error} />
    </form>
  );
}
