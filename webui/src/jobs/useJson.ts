import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../api/client';

/** How long a read may take before it is asked again. */
const PATIENCE_MS = 15_000;

interface Reading {
  abort: AbortController;
  again: boolean;
  gone: boolean;
}

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiError | Error };

/**
 * GETs `path` and keeps the answer; `reload` asks again, coalesced: calls within `settleMs`
 * make one request, and one asked for while a request is on its way waits for it (a slow
 * answer is never cut short by the next event), so that a burst of events refreshes a view
 * once and a steady stream of them still shows fresh answers.
 */
export function useJson<T>(path: string | undefined, settleMs = 250): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const timer = useRef<number | undefined>(undefined);
  // The request on its way, whether another is due when it is back, and whether the view is gone.
  const reading = useRef<Reading | undefined>(undefined);

  const read = useCallback(() => {
    if (!path) return;
    if (reading.current) {
      reading.current.again = true;
      return;
    }
    const current: Reading = { abort: new AbortController(), again: false, gone: false };
    reading.current = current;
    // An answer that never comes must not hold back every later read.
    const patience = window.setTimeout(() => {
      current.again = true;
      current.abort.abort();
    }, PATIENCE_MS);
    getJson<T>(path, current.abort.signal)
      .then((value) => setState({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (current.abort.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof Error ? error : new Error(String(error)),
        });
      })
      .finally(() => {
        window.clearTimeout(patience);
        if (current.gone) return;
        reading.current = undefined;
        if (current.again) read();
      });
  }, [path]);

  useEffect(() => {
    read();
    return () => {
      if (reading.current) {
        reading.current.gone = true;
        reading.current.abort.abort();
      }
      reading.current = undefined;
    };
  }, [read]);

  const reload = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      read();
    }, settleMs);
  }, [settleMs, read]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return [state, reload];
}
