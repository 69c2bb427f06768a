import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  SearchInput,
  Spinner,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { DownloadIcon } from '@patternfly/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { describe, getJson } from '../api/client';
import { downloadPath, logsPath, type LogChunk, type LogStream } from '../api/tasks';

/** What the viewer reads on open: the end of the file. */
const TAIL = 64 * 1024;

/** Lines kept in the browser while following; older ones scroll away. */
const MAX_LINES = 20_000;

/** Lines drawn at once: the newest, or the newest that match the search. */
const MAX_SHOWN = 2_000;

/** How often lines that arrived while following are drawn (one render per flush, not per line). */
const FLUSH_MS = 250;

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | {
      status: 'ready';
      lines: string[];
      first: number;
      next: number;
      cut: boolean;
      /** Read after the task ended: all there is; lines still arriving from following are in it. */
      complete: boolean;
    };

/**
 * The lines of a tail read, and the byte offset just after the last complete one. While the
 * task runs, a last line without its newline is still being written (following sends it
 * whole); once it has ended, that line is all there will be, and is shown.
 */
function tail(chunk: LogChunk, ended: boolean): { lines: string[]; next: number; cut: boolean } {
  let text = chunk.data;
  const cut = chunk.offset > 0;
  if (cut) text = text.slice(text.indexOf('\n') + 1); // the first line began before the read
  const end = text.lastIndexOf('\n');
  const partial = text.slice(end + 1);
  const complete = end < 0 ? [] : text.slice(0, end).split('\n');
  if (ended && partial !== '') {
    return { lines: [...complete, partial], next: chunk.size, cut };
  }
  return { lines: complete, next: chunk.size - new TextEncoder().encode(partial).length, cut };
}

function highlight(line: string, term: string) {
  if (!term) return line;
  const parts: React.ReactNode[] = [];
  const lower = line.toLowerCase();
  let at = 0;
  for (let hit = lower.indexOf(term); hit >= 0; hit = lower.indexOf(term, at)) {
    parts.push(line.slice(at, hit), <mark key={hit}>{line.slice(hit, hit + term.length)}</mark>);
    at = hit + term.length;
  }
  parts.push(line.slice(at));
  return parts;
}

/**
 * A task's stdout or stderr: the last 64 KiB on open, new lines live while "Follow" is on
 * (SSE on the logs URL, resuming by event id), a search that keeps the matching lines, and the
 * whole file as a download.
 */
export function LogViewer({
  task,
  stream,
  ended,
}: {
  task: string;
  stream: LogStream;
  ended: boolean;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [follow, setFollow] = useState(false);
  const [followNote, setFollowNote] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const endedRef = useRef(ended);
  useEffect(() => {
    endedRef.current = ended;
  }, [ended]);

  useEffect(() => {
    const abort = new AbortController();
    getJson<LogChunk>(logsPath(task, stream, { offset: -1, length: TAIL }), abort.signal)
      .then((chunk) =>
        setLoaded({ status: 'ready', first: 0, complete: ended, ...tail(chunk, ended) }),
      )
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ status: 'error', message: describe(error) });
      });
    return () => abort.abort();
    // Read again when the task ends: its last line is complete then, and it may have written
    // after the page opened.
  }, [task, stream, ended]);

  const from = loaded.status === 'ready' ? loaded.next : undefined;
  const following = follow && from !== undefined;
  useEffect(() => {
    if (!following || from === undefined) return;
    setFollowNote(undefined);
    const source = new EventSource(logsPath(task, stream, { offset: from }), {
      withCredentials: true,
    });
    // Lines are gathered here and drawn every FLUSH_MS: a fast log must not render per line.
    // Each line with the byte offset just after it (its event id).
    let arrived: { text: string; end: number }[] = [];
    source.addEventListener('line', (event: MessageEvent<string>) => {
      arrived.push({ text: event.data, end: Number(event.lastEventId) });
    });
    const flush = window.setInterval(() => {
      if (arrived.length === 0) return;
      const lines = arrived;
      arrived = [];
      setLoaded((current) => {
        if (current.status !== 'ready' || current.complete) return current;
        const all = [...current.lines, ...lines.map((line) => line.text)];
        const dropped = Math.max(0, all.length - MAX_LINES);
        const end = lines[lines.length - 1].end;
        return {
          ...current,
          lines: dropped > 0 ? all.slice(dropped) : all,
          first: current.first + dropped,
          next: Number.isFinite(end) ? end : current.next,
        };
      });
    }, FLUSH_MS);
    source.onerror = () => {
      // The stream ends once the task has ended and all its output was sent; otherwise the
      // browser reconnects by itself from the last event id.
      if (endedRef.current || source.readyState === EventSource.CLOSED) {
        source.close();
        setFollow(false);
        setFollowNote(
          endedRef.current
            ? 'The task has ended: all its output is shown.'
            : 'Following stopped: the master refused the stream.',
        );
      }
    };
    return () => {
      source.close();
      window.clearInterval(flush);
    };
    // `from` changes with every line; the stream resumes by itself, so only (re)open on a switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [following, task, stream]);

  const lines = useMemo(() => (loaded.status === 'ready' ? loaded.lines : []), [loaded]);
  const first = loaded.status === 'ready' ? loaded.first : 0;
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [follow, lines.length]);

  const term = search.trim().toLowerCase();
  const matching = useMemo(
    () =>
      lines
        // Keyed by the line's number in the log, so rows keep their keys as old lines scroll away.
        .map((line, index) => ({ line, number: first + index }))
        .filter(({ line }) => !term || line.toLowerCase().includes(term)),
    [lines, term, first],
  );
  const shown = matching.length > MAX_SHOWN ? matching.slice(-MAX_SHOWN) : matching;

  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              aria-label={`Search ${stream}`}
              placeholder={`Search ${stream}`}
              value={search}
              onChange={(_event, value) => setSearch(value)}
              onClear={() => setSearch('')}
              resultsCount={term ? `${matching.length} of ${lines.length}` : undefined}
            />
          </ToolbarItem>
          <ToolbarItem>
            <Switch
              id={`follow-${stream}`}
              label="Follow"
              aria-label={`Follow ${stream} live`}
              isChecked={follow}
              isDisabled={loaded.status !== 'ready'}
              onChange={(_event, checked) => setFollow(checked)}
            />
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="secondary"
              component="a"
              href={downloadPath(task, stream)}
              download={stream}
              icon={<DownloadIcon />}
              aria-label={`Download the whole ${stream}`}
            >
              Download
            </Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {followNote && <Alert variant="info" isInline isPlain title={followNote} />}
      {loaded.status === 'loading' && <Spinner aria-label={`Loading ${stream}`} />}
      {loaded.status === 'error' && (
        <Alert variant="danger" isInline title={`Could not read ${stream}`}>
          {loaded.message}
        </Alert>
      )}
      {loaded.status === 'ready' && lines.length === 0 && (
        <EmptyState titleText={ended ? 'No output' : 'No output yet'} headingLevel="h3">
          <EmptyStateBody>
            {ended
              ? `The task wrote nothing to ${stream}.`
              : `The task has not written to ${stream} yet. Turn on Follow to see its lines as they come.`}
          </EmptyStateBody>
        </EmptyState>
      )}
      {loaded.status === 'ready' && lines.length > 0 && (
        <>
          {(loaded.cut || matching.length > shown.length) && (
            <p className="pf-v6-u-font-size-sm pf-v6-u-color-200">
              Showing the last {shown.length < matching.length ? `${MAX_SHOWN} ` : ''}lines of{' '}
              {stream}; download it for the whole file.
            </p>
          )}
          {term && shown.length === 0 && <p>No line matches “{search}”.</p>}
          <div
            ref={box}
            role="log"
            aria-label={`${stream} of the task`}
            data-testid={`log-${stream}`}
            tabIndex={0}
            style={{ maxHeight: '60vh', overflow: 'auto' }}
          >
            <pre className="pf-v6-u-font-family-monospace pf-v6-u-font-size-sm">
              {shown.map(({ line, number }) => (
                <div key={number}>{highlight(line, term) || '\u00a0'}</div>
              ))}
            </pre>
          </div>
        </>
      )}
    </>
  );
}
