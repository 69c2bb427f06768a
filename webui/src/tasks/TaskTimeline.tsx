import { ProgressStep, ProgressStepper } from '@patternfly/react-core';
import type { StateChange } from '../api/jobs';
import { TERMINAL } from '../api/tasks';

type Variant = 'default' | 'success' | 'info' | 'pending' | 'warning' | 'danger';

function variant(state: string): Variant {
  if (state === 'TASK_FINISHED') return 'success';
  if (state === 'TASK_KILLED' || state === 'TASK_KILLING' || state === 'TASK_UNREACHABLE')
    return 'warning';
  if (TERMINAL.has(state)) return 'danger';
  return 'info';
}

/** The states a task went through, oldest first, each with its time, reason, message and exit code. */
export function TaskTimeline({ states }: { states: StateChange[] }) {
  const last = states[states.length - 1];
  return (
    <ProgressStepper isCenterAligned aria-label="State timeline" data-testid="task-timeline">
      {states.map((change, index) => {
        const id = `task-state-${index}`;
        const current = change === last && !TERMINAL.has(change.state);
        return (
          <ProgressStep
            key={id}
            id={id}
            titleId={`${id}-title`}
            variant={variant(change.state)}
            isCurrent={current}
            aria-label={`${change.state} at ${new Date(change.time).toLocaleString()}`}
            description={
              <>
                <time dateTime={change.time}>{new Date(change.time).toLocaleString()}</time>
                {change.reason && <div>Reason: {change.reason}</div>}
                {change.message && <div>{change.message}</div>}
                {change.exitCode !== undefined && change.exitCode !== null && (
                  <div data-testid="task-exit-code">Exit code {change.exitCode}</div>
                )}
              </>
            }
          >
            {change.state}
          </ProgressStep>
        );
      })}
    </ProgressStepper>
  );
}
