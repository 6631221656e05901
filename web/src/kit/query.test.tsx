// @vitest-environment jsdom
// The query cache: one request per key whoever asks, answers kept until invalidated, older
// answers dropped after a clear, errors not kept, and components rendered again as answers come.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { clearQueries, fetchQuery, invalidate, peekQuery, useQuery } from './query';

/** A loader whose answers the test gives by hand, counting the requests. */
function manualLoader<T>() {
  const pending: Array<{ key: string; resolve: (value: T) => void; reject: (error: unknown) => void }> = [];
  const load = (key: string) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ key, resolve, reject });
    });
  return { load, pending };
}

afterEach(() => clearQueries());

describe('fetchQuery', () => {
  it('shares one request between callers, then answers from the cache', async () => {
    const { load, pending } = manualLoader<string>();
    const first = fetchQuery('/a', load);
    const second = fetchQuery('/a', load);
    expect(pending.length).toBe(1);
    pending[0].resolve('answer');
    expect(await first).toBe('answer');
    expect(await second).toBe('answer');
    expect(await fetchQuery('/a', load)).toBe('answer');
    expect(pending.length).toBe(1);
    expect(peekQuery<string>('/a')).toEqual({ data: 'answer', loading: false });
  });

  it('asks again after an invalidation of a prefix, and only for those keys', async () => {
    const { load, pending } = manualLoader<number>();
    const a = fetchQuery('/structures/1', load);
    const b = fetchQuery('/collectives', load);
    pending[0].resolve(1);
    pending[1].resolve(2);
    await Promise.all([a, b]);
    invalidate('/structures/');
    const again = fetchQuery('/structures/1', load);
    expect(await fetchQuery('/collectives', load)).toBe(2);
    expect(pending.map((p) => p.key)).toEqual(['/structures/1', '/collectives', '/structures/1']);
    pending[2].resolve(10);
    expect(await again).toBe(10);
  });

  it('drops an answer to a request made before a clear', async () => {
    const { load, pending } = manualLoader<string>();
    const before = fetchQuery('/session-bound', load);
    clearQueries();
    const after = fetchQuery('/session-bound', load);
    pending[1].resolve('new');
    pending[0].resolve('old');
    expect(await before).toBe('old');
    expect(await after).toBe('new');
    expect(peekQuery<string>('/session-bound').data).toBe('new');
  });

  it('keeps no error as an answer: the next use asks again', async () => {
    const { load, pending } = manualLoader<string>();
    const failing = fetchQuery('/flaky', load);
    pending[0].reject(new ApiError(503, 'unavailable', 'indisponible'));
    await expect(failing).rejects.toThrow('indisponible');
    expect(peekQuery('/flaky').error?.status).toBe(503);
    const retry = fetchQuery('/flaky', load);
    expect(pending.length).toBe(2);
    pending[1].resolve('ok');
    expect(await retry).toBe('ok');
    expect(peekQuery('/flaky').error).toBeUndefined();
  });
});

describe('useQuery', () => {
  it('renders the answer, then the new one after a mutation invalidates it', async () => {
    const { load, pending } = manualLoader<string>();
    function Show({ name }: { name: string }) {
      const result = useQuery<string>('/staff', { load });
      return <p id={name}>{result.loading && !result.data ? 'loading' : result.data}</p>;
    }
    const root = document.createElement('div');
    document.body.append(root);
    await act(() => {
      render(
        <>
          <Show name="one" />
          <Show name="two" />
        </>,
        root,
      );
    });
    expect(root.textContent).toBe('loadingloading');
    expect(pending.length).toBe(1);
    await act(async () => pending[0].resolve('Claire'));
    expect(root.querySelector('#one')?.textContent).toBe('Claire');
    expect(root.querySelector('#two')?.textContent).toBe('Claire');

    await act(() => invalidate('/staff'));
    expect(pending.length).toBe(2);
    // The former answer stays on screen while the new one comes.
    expect(root.querySelector('#one')?.textContent).toBe('Claire');
    await act(async () => pending[1].resolve('Claire, Karim'));
    expect(root.querySelector('#two')?.textContent).toBe('Claire, Karim');
    render(null, root);
  });

  it('asks nothing for a null key', async () => {
    const { load, pending } = manualLoader<string>();
    function Waiting() {
      const result = useQuery<string>(null, { load });
      return <p>{result.loading ? 'waiting' : 'done'}</p>;
    }
    const root = document.createElement('div');
    await act(() => {
      render(<Waiting />, root);
    });
    expect(root.textContent).toBe('waiting');
    expect(pending.length).toBe(0);
    render(null, root);
  });
});
