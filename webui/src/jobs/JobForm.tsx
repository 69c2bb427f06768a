import {
  ActionGroup,
  Alert,
  Button,
  ExpandableSection,
  Form,
  FormGroup,
  Grid,
  GridItem,
  Switch,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useState, type FormEvent } from 'react';
import { refusal, sendJson } from '../api/client';
import { jobsPath, validate, type Job, type JobRequest } from '../api/jobs';
import { FieldHelp } from '../forms/FieldHelp';

interface Props {
  tenant: string;
  onSubmitted: (job: Job) => void;
  onCancel: () => void;
}

const initial = {
  name: '',
  command: '',
  instances: '1',
  maxRetries: '0',
  cpus: '0.1',
  mem: '32',
  disk: '0',
  gpus: '0',
  constraints: '',
  env: '',
  uris: '',
};

type Fields = typeof initial;

/** The request the fields describe; lines of the text areas become constraints, variables and URIs. */
function requestOf(fields: Fields): JobRequest {
  const lines = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
  const request: JobRequest = {
    name: fields.name.trim(),
    command: fields.command,
    instances: Number(fields.instances),
    maxRetries: Number(fields.maxRetries),
    resources: { cpus: Number(fields.cpus), mem: Number(fields.mem) },
  };
  if (Number(fields.disk) !== 0) request.resources.disk = Number(fields.disk);
  if (Number(fields.gpus) !== 0) request.resources.gpus = Number(fields.gpus);
  // A field, an operator, and the rest of the line as it was typed (a regex may hold spaces).
  const constraints = lines(fields.constraints).map((line) => {
    const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    if (!match) return [line];
    return match[3] === undefined ? [match[1], match[2]] : [match[1], match[2], match[3]];
  });
  if (constraints.length > 0) request.constraints = constraints;
  const env = lines(fields.env);
  if (env.length > 0) {
    // A line without '=' keeps its whole text as the name, which the name check then refuses.
    request.env = Object.fromEntries(
      env.map((line) =>
        line.includes('=')
          ? [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1)]
          : [line, ''],
      ),
    );
  }
  const uris = lines(fields.uris);
  if (uris.length > 0) request.uris = uris.map((value) => ({ value }));
  return request;
}

/** The fields a request fills in (for going back from the JSON editor). */
function fieldsOf(request: JobRequest): Fields {
  return {
    name: request.name ?? '',
    command: request.command ?? '',
    instances: String(request.instances ?? ''),
    maxRetries: String(request.maxRetries ?? 0),
    cpus: String(request.resources?.cpus ?? ''),
    mem: String(request.resources?.mem ?? ''),
    disk: String(request.resources?.disk ?? 0),
    gpus: String(request.resources?.gpus ?? 0),
    constraints: (request.constraints ?? []).map((c) => c.join(' ')).join('\n'),
    env: Object.entries(request.env ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
    uris: (request.uris ?? []).map((uri) => uri.value).join('\n'),
  };
}

/** The error of a field: its own, or the first of those the master named below it (`env.FOO`). */
function errorOf(errors: Record<string, string>, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const below = Object.keys(errors).find(
    (name) => name.startsWith(key) && !/[A-Za-z0-9]/.test(name.charAt(key.length)),
  );
  return below && `${below}: ${errors[below]}`;
}

/**
 * Submits a batch job, from fields or, for power users, as JSON. Either way the request is
 * checked here as the master checks it; what the master still refuses (a quota limit, no agent
 * large enough) is shown by the field it names.
 */
export function JobForm({ tenant, onSubmitted, onCancel }: Props) {
  const [fields, setFields] = useState(initial);
  const [json, setJson] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [more, setMore] = useState(false);
  const extras = ['disk', 'gpus', 'constraints', 'env', 'uris'] as const;
  // Open when it holds something, or something in it is refused.
  const showMore =
    more ||
    ['resources.disk', 'resources.gpus', 'constraints', 'env', 'uris'].some((key) =>
      errorOf(errors, key),
    );

  const parsed = (): JobRequest | string => {
    try {
      return JSON.parse(json ?? '') as JobRequest;
    } catch (error) {
      return `not JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
  };

  const toggleJson = (on: boolean) => {
    if (on) {
      setJson(JSON.stringify(requestOf(fields), null, 2));
      setErrors({});
      return;
    }
    const request = parsed();
    if (typeof request === 'string') {
      setErrors({ json: `${request}; fix it to go back to the fields` });
      return;
    }
    const back = fieldsOf(request);
    setFields(back);
    setMore(extras.some((key) => back[key] !== initial[key]));
    setJson(undefined);
    setErrors({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const job = json === undefined ? requestOf(fields) : parsed();
    if (typeof job === 'string') {
      setErrors({ json: job });
      return;
    }
    const found = validate(job);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      onSubmitted(await sendJson<Job>('POST', jobsPath(tenant), job));
    } catch (error) {
      const { fields, problem } = refusal(error);
      setErrors(fields);
      setProblem(problem);
    } finally {
      setSending(false);
    }
  };

  const field = (
    key: keyof Fields,
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
        validated={errorOf(errors, errorKey) ? 'error' : 'default'}
        onChange={(_event, value) => setFields((current) => ({ ...current, [key]: value }))}
        aria-describedby={`job-${key}-help`}
      />
      <FieldHelp
        id={`job-${key}-help`}
        field={errorKey}
        error={errorOf(errors, errorKey)}
        help={options.help}
      />
    </FormGroup>
  );

  const lines = (key: 'constraints' | 'env' | 'uris', label: string, help: string) => (
    <FormGroup label={label} fieldId={`job-${key}`}>
      <TextArea
        id={`job-${key}`}
        name={key}
        value={fields[key]}
        rows={2}
        resizeOrientation="vertical"
        validated={errorOf(errors, key) ? 'error' : 'default'}
        onChange={(_event, value) => setFields((current) => ({ ...current, [key]: value }))}
        aria-describedby={`job-${key}-help`}
      />
      <FieldHelp id={`job-${key}-help`} field={key} error={errorOf(errors, key)} help={help} />
    </FormGroup>
  );

  // In the JSON editor the fields are hidden, so every error is listed under it.
  const jsonErrors = Object.entries(errors)
    .map(([name, reason]) => (name === 'json' ? reason : `${name}: ${reason}`))
    .join('; ');

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
      <Switch
        id="job-as-json"
        label="Edit as JSON"
        isChecked={json !== undefined}
        onChange={(_event, on) => toggleJson(on)}
      />
      {json !== undefined ? (
        <FormGroup label="Job as JSON" fieldId="job-json" isRequired>
          <TextArea
            id="job-json"
            value={json}
            rows={16}
            resizeOrientation="vertical"
            className="atrium-code"
            validated={jsonErrors ? 'error' : 'default'}
            onChange={(_event, value) => setJson(value)}
            aria-describedby="job-json-help"
          />
          <FieldHelp
            id="job-json-help"
            field="json"
            error={jsonErrors || undefined}
            help="The JobRequest of the API (see /q/openapi): also healthCheck, user, network, killGracePeriodSeconds"
          />
        </FormGroup>
      ) : (
        <>
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
          {field('command', 'Command', 'command', {
            help: 'Run with /bin/sh -c in the task sandbox',
          })}
          <Grid hasGutter md={4}>
            <GridItem>
              {field('cpus', 'CPUs per instance', 'resources.cpus', { type: 'number' })}
            </GridItem>
            <GridItem>
              {field('mem', 'Memory per instance (MiB)', 'resources.mem', { type: 'number' })}
            </GridItem>
            <GridItem>
              {field('maxRetries', 'Retries', 'maxRetries', {
                type: 'number',
                help: 'For a failed instance',
              })}
            </GridItem>
          </Grid>
          <ExpandableSection
            toggleText="More: disk, GPUs, constraints, environment, files"
            isExpanded={showMore}
            onToggle={(_event, expanded) => setMore(expanded)}
          >
            <Grid hasGutter md={6}>
              <GridItem>
                {field('disk', 'Disk per instance (MiB)', 'resources.disk', {
                  type: 'number',
                  required: false,
                })}
              </GridItem>
              <GridItem>
                {field('gpus', 'GPUs per instance', 'resources.gpus', {
                  type: 'number',
                  required: false,
                })}
              </GridItem>
            </Grid>
            {lines(
              'constraints',
              'Constraints',
              'One per line: hostname UNIQUE, or a field and LIKE and a regular expression (rack LIKE r[12])',
            )}
            {lines('env', 'Environment', 'One per line: NAME=value')}
            {lines(
              'uris',
              'Files to fetch',
              'One URL per line (http, https, file: or an absolute path), fetched into the sandbox; archives are unpacked',
            )}
          </ExpandableSection>
        </>
      )}
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
