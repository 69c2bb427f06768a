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

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; lines: string[]; next: number; cut: boolean };

/** The complete lines of a tail read, and the byte offset just after the last one. */
function tail(chunk: LogChunk): { lines: string[]; next: number; cut: boolean } {
  let text = chunk.data;
  const cut = chunk.offset > 0;
  if (cut) text = text.slice(text.indexOf('\n') + 1); // the first line began before the read
  const end = text.lastIndexOf('\n');
  const partial = text.slice(end + 1); // a line still being written: following sends it whole
  const complete = end < 0 ? '' : text.slice(0, end);
  return {
    lines: end < 0 ? [] : complete.split('\n'),
    next: chunk.size - new TextEncoder().encode(partial).length,
    cut,
  };
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
      .then((chunk) => setLoaded({ status: 'ready', ...tail(chunk) }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ status: 'error', message: describe(error) });
      });
    return () => abort.abort();
  }, [task, stream]);

  const from = loaded.status === 'ready' ? loaded.next : undefined;
  const following = follow && from !== undefined;
  useEffect(() => {
    if (!following || from === undefined) return;
    setFollowNote(undefined);
    const source = new EventSource(logsPath(task, stream, { offset: from }), {
      withCredentials: true,
    });
    source.addEventListener('line', (event: MessageEvent<string>) => {
      const next = Number(event.lastEventId);
      setLoaded((current) =>
        current.status !== 'ready'
          ? current
          : {
              ...current,
              lines: [...current.lines, event.data].slice(-MAX_LINES),
              next: Number.isFinite(next) ? next : current.next,
            },
      );
    });
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
    return () => source.close();
    // `from` changes with every line; the stream resumes by itself, so only (re)open on a switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [following, task, stream]);

  const lines = useMemo(() => (loaded.status === 'ready' ? loaded.lines : []), [loaded]);
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [follow, lines.length]);

  const term = search.trim().toLowerCase();
  const shown = useMemo(
    () =>
      lines
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => !term || line.toLowerCase().includes(term)),
    [lines, term],
  );

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
              resultsCount={term ? `${shown.length} of ${lines.length}` : undefined}
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
          {loaded.cut && (
            <p className="pf-v6-u-font-size-sm pf-v6-u-color-200">
              Showing the end of {stream}; download it for the whole file.
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
              {shown.map(({ line, index }) => (
                <div key={index}>{highlight(line, term) || '\u00a0'}</div>
              ))}
            </pre>
          </div>
        </>
      )}
    </>
  );
}
