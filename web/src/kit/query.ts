// A small cache of the API's GET answers, shared by the pages: one entry per key (the GET's
// path), one request in flight per key whoever asks, and invalidation by key prefix after a
// mutation. A page that comes back shows what it had at once. The shell clears the whole cache
// when the session, the acting structure or the language changes: every answer depends on them.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { toApiError } from '../components';
import type { ApiError } from '../api';

export interface QueryState<T> {
  data?: T;
  error?: ApiError;
  /** A request is in flight (the data, if any, is the previous answer). */
  loading: boolean;
}

interface Entry {
  state: QueryState<unknown>;
  /** Set by invalidation: the next use asks again. */
  stale: boolean;
  inFlight: Promise<unknown> | null;
  listeners: Set<() => void>;
  /** Bumped by invalidation and clearing, so that an answer to an older request is dropped. */
  generation: number;
  /** How the key is asked (the last loader given; the API's GET by default). */
  load: Loader<unknown>;
}

/** Above this many keys the oldest ones nobody watches are forgotten. */
const MAX_ENTRIES = 200;
const entries = new Map<string, Entry>();

type Loader<T> = (key: string) => Promise<T>;
const defaultLoader: Loader<unknown> = (key) => api.get<unknown>(key);

function entryFor(key: string): Entry {
  let entry = entries.get(key);
  if (!entry) {
    entry = {
      state: { loading: false },
      stale: true,
      inFlight: null,
      listeners: new Set(),
      generation: 0,
      load: defaultLoader,
    };
    entries.set(key, entry);
    forgetOldest();
  }
  return entry;
}

function forgetOldest(): void {
  for (const [key, entry] of entries) {
    if (entries.size <= MAX_ENTRIES) return;
    if (entry.listeners.size === 0 && !entry.inFlight) entries.delete(key);
  }
}

function update(entry: Entry, state: QueryState<unknown>): void {
  entry.state = state;
  for (const listener of entry.listeners) listener();
}

/**
 * The answer for `key`: the cached one when still valid, else one request shared by every
 * caller until it answers.
 */
export function fetchQuery<T>(key: string, load?: Loader<T>): Promise<T> {
  const entry = entryFor(key);
  if (load) entry.load = load;
  if (entry.inFlight) return entry.inFlight as Promise<T>;
  if (!entry.stale && entry.state.data !== undefined) return Promise.resolve(entry.state.data as T);
  const generation = entry.generation;
  update(entry, { ...entry.state, loading: true });
  const request = (entry.load as Loader<T>)(key).then(
    (data) => {
      if (entry.generation === generation) {
        entry.inFlight = null;
        entry.stale = false;
        update(entry, { data, loading: false });
      }
      return data;
    },
    (caught: unknown) => {
      if (entry.generation === generation) {
        entry.inFlight = null;
        // An error is not kept as an answer: the next use asks again.
        update(entry, { data: entry.state.data, error: toApiError(caught), loading: false });
      }
      throw caught;
    },
  );
  entry.inFlight = request;
  return request;
}

/** What the cache holds for `key`, without asking the server. */
export function peekQuery<T>(key: string): QueryState<T> {
  return (entries.get(key)?.state ?? { loading: false }) as QueryState<T>;
}

/**
 * Marks stale every key that starts with one of the prefixes (after a mutation of what they
 * show); the ones on screen are asked again at once.
 */
export function invalidate(...prefixes: string[]): void {
  for (const [key, entry] of entries) {
    if (prefixes.some((prefix) => key.startsWith(prefix))) refresh(key, entry);
  }
}

function refresh(key: string, entry: Entry): void {
  entry.stale = true;
  entry.generation++;
  entry.inFlight = null;
  if (entry.listeners.size > 0) fetchQuery(key).catch(() => undefined);
}

/** Forgets every answer (sign-in, sign-out, another acting structure, another language). */
export function clearQueries(): void {
  for (const entry of entries.values()) {
    entry.generation++;
    entry.inFlight = null;
  }
  entries.clear();
}

export interface Query<T> extends QueryState<T> {
  /** Asks the server again. */
  reload: () => void;
}

/**
 * The answer for `key` in a component, rendered again as it changes. A null key asks nothing
 * (what it depends on is not known yet). `revalidate`: also ask again on mount when the cache
 * has an answer (for what changes without a mutation of ours, like the audit log).
 */
export function useQuery<T>(
  key: string | null,
  options: { load?: Loader<T>; revalidate?: boolean } = {},
): Query<T> {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const entry = entryFor(key);
    const listener = () => setTick((tick) => tick + 1);
    entry.listeners.add(listener);
    if (options.revalidate) entry.stale = true;
    fetchQuery(key, options.load).catch(() => undefined);
    listener();
    return () => {
      entry.listeners.delete(listener);
    };
  }, [key]);
  if (key === null) return { loading: true, reload: () => undefined };
  const state = peekQuery<T>(key);
  return {
    ...state,
    // Before the first request has left, neither an answer nor an error: loading.
    loading: state.loading || (state.data === undefined && state.error === undefined),
    reload: () => refresh(key, entryFor(key)),
  };
}
