// A small client-side router over the History API: links stay plain <a href>, a click on
// one of ours is turned into pushState, and the page's heading takes the focus.
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  search: URLSearchParams;
  href: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let focusHeading = false;

function current(): Location {
  return {
    path: window.location.pathname,
    search: new URLSearchParams(window.location.search),
    href: window.location.pathname + window.location.search,
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

/**
 * Goes to a path of the application; the next page heading receives the focus, unless
 * `focus` is false (a redirect the person did not ask for keeps the focus where it is).
 */
export function navigate(href: string, options: { replace?: boolean; focus?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  focusHeading = options.focus ?? true;
  notify();
}

/** True once after a navigation: the page heading then takes the focus. */
export function takeHeadingFocus(): boolean {
  const take = focusHeading;
  focusHeading = false;
  return take;
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}

/** Installs the listeners: back/forward buttons and clicks on same-origin links. */
export function startRouter(): void {
  window.addEventListener('popstate', () => {
    focusHeading = true;
    notify();
  });
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    // In-page anchors (the skip link) keep the browser's behaviour.
    if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) {
      return;
    }
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}

/** Matches "/collectifs/:id" style patterns; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}
