import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../api/client';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ApiError | Error };

/**
 * GETs `path` and keeps the answer; `reload` asks again, coalesced: calls within `settleMs`
 * make one request, so that a burst of events refreshes a view once. A request is never cut
 * short by a later one (under a steady stream of events a slow answer would otherwise never
 * arrive); an answer is shown unless a later request's answer already is.
 */
export function useJson<T>(path: string | undefined, settleMs = 250): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const timer = useRef<number | undefined>(undefined);
  // Requests are numbered; `shown` is the number of the one whose answer is on screen.
  const requests = useRef({ issued: 0, shown: 0, inFlight: new Set<AbortController>() });

  const read = useCallback(() => {
    if (!path) return;
    const numbers = requests.current;
    const mine = ++numbers.issued;
    const abort = new AbortController();
    numbers.inFlight.add(abort);
    const show = (loaded: Loaded<T>) => {
      if (mine < numbers.shown) return;
      numbers.shown = mine;
      setState(loaded);
    };
    getJson<T>(path, abort.signal)
      .then((value) => show({ status: 'ready', value }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        show({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      })
      .finally(() => numbers.inFlight.delete(abort));
  }, [path]);

  useEffect(() => {
    const numbers = requests.current;
    read();
    return () => {
      // Answers for the path left behind are not shown.
      numbers.inFlight.forEach((abort) => abort.abort());
      numbers.inFlight.clear();
      numbers.shown = numbers.issued + 1;
    };
  }, [read]);

  // The timer reads with the path of when it fires, not of when it was set: a reload asked
  // before the path was known (a stream that opened first) must not swallow later ones.
  const latestRead = useRef(read);
  useEffect(() => {
    latestRead.current = read;
  }, [read]);

  const reload = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      latestRead.current();
    }, settleMs);
  }, [settleMs]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return [state, reload];
}
