import {
  ActionGroup,
  Alert,
  Button,
  Form,
  FormGroup,
  Grid,
  GridItem,
  TextInput,
} from '@patternfly/react-core';
import { FieldHelp } from '../forms/FieldHelp';
import { useState, type FormEvent } from 'react';
import { ApiError, sendJson } from '../api/client';
import { jobsPath, validate, type Job, type JobRequest } from '../api/jobs';

interface Props {
  tenant: string;
  onSubmitted: (job: Job) => void;
  onCancel: () => void;
}

const initial = { name: '', command: '', instances: '1', maxRetries: '0', cpus: '0.1', mem: '32' };

/**
 * Submits a batch job. The fields are checked here as the master checks them; what the master
 * still refuses (a quota limit, no agent large enough) is shown by the field it names.
 */
export function JobForm({ tenant, onSubmitted, onCancel }: Props) {
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  const request = (): JobRequest => ({
    name: fields.name.trim(),
    command: fields.command,
    instances: Number(fields.instances),
    maxRetries: Number(fields.maxRetries),
    resources: { cpus: Number(fields.cpus), mem: Number(fields.mem) },
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const job = request();
    const found = validate(job);
    setErrors(found);
    setProblem(undefined);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      onSubmitted(await sendJson<Job>('POST', jobsPath(tenant), job));
    } catch (error) {
      if (error instanceof ApiError) {
        const byField: Record<string, string> = {};
        error.problem.errors?.forEach(({ field, reason }) => (byField[field] = reason));
        setErrors(byField);
        setProblem(error.problem.detail ?? error.problem.title);
      } else {
        setProblem(String(error));
      }
    } finally {
      setSending(false);
    }
  };

  const field = (
    key: keyof typeof initial,
    label: string,
    errorKey: string,
    options: { type?: 'text' | 'number'; help?: string; required?: boolean } = {},
  ) => (
    <FormGroup label={label} fieldId={`job-${key}`} isRequired={options.required ?? true}>
      <TextInput
        id={`job-${key}`}
        name={key}
        type={options.type ?? 'text'}
        value={fields[key]}
        validated={errors[errorKey] ? 'error' : 'default'}
        onChange={(_event, value) => setFields((current) => ({ ...current, [key]: value }))}
        aria-describedby={`job-${key}-help`}
      />
      <FieldHelp
        id={`job-${key}-help`}
        field={errorKey}
        error={errors[errorKey]}
        help={options.help}
      />
    </FormGroup>
  );

  return (
    <Form onSubmit={submit} aria-label="Submit a job">
      {problem && (
        <Alert
          variant="danger"
          isInline
          title="The job was not submitted"
          data-testid="submit-problem"
        >
          {problem}
        </Alert>
      )}
      <Grid hasGutter md={6}>
        <GridItem>
          {field('name', 'Name', 'name', { help: 'Lowercase letters, digits and -' })}
        </GridItem>
        <GridItem>
          {field('instances', 'Instances', 'instances', {
            type: 'number',
            help: 'How many times it runs',
          })}
        </GridItem>
      </Grid>
      {field('command', 'Command', 'command', { help: 'Run with /bin/sh -c in the task sandbox' })}
      <Grid hasGutter md={4}>
        <GridItem>
          {field('cpus', 'CPUs per instance', 'resources.cpus', { type: 'number' })}
        </GridItem>
        <GridItem>
          {field('mem', 'Memory per instance (MB)', 'resources.mem', { type: 'number' })}
        </GridItem>
        <GridItem>
          {field('maxRetries', 'Retries', 'maxRetries', {
            type: 'number',
            help: 'For a failed instance',
          })}
        </GridItem>
      </Grid>
      <ActionGroup>
        <Button type="submit" variant="primary" isLoading={sending} isDisabled={sending}>
          Submit
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ActionGroup>
    </Form>
  );
}
