import { Label } from '@patternfly/react-core';
import type { JobState } from '../api/jobs';

const colors: Record<JobState, 'grey' | 'blue' | 'green' | 'red' | 'orange'> = {
  PENDING: 'grey',
  RUNNING: 'blue',
  FINISHED: 'green',
  FAILED: 'red',
  KILLING: 'orange',
  KILLED: 'orange',
};

/** A job's state as a coloured label (the text says it too, for those who do not see colour). */
export function JobStateLabel({ state, testId }: { state: JobState; testId?: string }) {
  return (
    <Label color={colors[state]} data-testid={testId}>
      {state}
    </Label>
  );
}
