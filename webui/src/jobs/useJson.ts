import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../api/client';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiError | Error };

/**
 * GETs `path` and keeps the answer; `reload` asks again (coalesced: calls within `settleMs`
 * make one request), so that a burst of events refreshes a view once.
 */
export function useJson<T>(path: string | undefined, settleMs = 250): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    getJson<T>(path, abort.signal)
      .then((value) => setState({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      });
    return () => abort.abort();
  }, [path, generation]);

  const reload = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      setGeneration((n) => n + 1);
    }, settleMs);
  }, [settleMs]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return [state, reload];
}
