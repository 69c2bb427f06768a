import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Form,
  FormGroup,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Spinner,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { FieldHelp } from '../forms/FieldHelp';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  changedMeanwhile,
  clusterTotals,
  getVersioned,
  rolePath,
  type AgentResources,
  type Role,
  type Versioned,
} from '../api/admin';
import { describe, send } from '../api/client';
import { useJson } from '../jobs/useJson';
import {
  fieldsOf,
  preview,
  quotaChanged,
  quotaRequest,
  validateQuota,
  type QuotaFields,
} from './quotaPreview';

interface Usage {
  quota: { allocated: Record<string, number> };
  activeTasks: number;
}

interface Props {
  role: string;
  /** The tenant's running tasks as the tenants list shows them live: a change reads usage again. */
  activeTasks: number;
  onDone: () => void;
}

/**
 * Sets a tenant's guarantees, limits, most tasks and weight from the version read, so that no
 * other admin's change is lost unseen (412: the editor shows theirs). While one types, a preview
 * says what changes and what it means for the tenant's running work and for the cluster.
 */
export function QuotaEditor({ role, activeTasks, onDone }: Props) {
  const path = rolePath(role);
  const [current, setCurrent] = useState<Versioned<Role> | undefined>();
  const [fields, setFields] = useState<QuotaFields | undefined>();
  const [errors, setErrors] = useState<Partial<Record<keyof QuotaFields, string>>>({});
  const [problem, setProblem] = useState<{ title: string; variant: 'danger' | 'warning' }>();
  const [saving, setSaving] = useState(false);
  const [usage, reloadUsage] = useJson<Usage>(`/api/tenants/${encodeURIComponent(role)}/usage`);
  const [agents] = useJson<AgentResources[]>('/api/admin/agents');

  const load = useCallback(async () => {
    try {
      const read = await getVersioned<Role>(path);
      setCurrent(read);
      setFields(fieldsOf(read.value));
      setErrors({});
    } catch (error) {
      setProblem({ title: describe(error), variant: 'danger' });
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => reloadUsage(), [activeTasks, reloadUsage]);

  if (!current || !fields) {
    return problem ? (
      <Alert variant="danger" isInline title={problem.title} />
    ) : (
      <Spinner aria-label="Loading the quota" />
    );
  }

  const valid = validateQuota(fields);
  const changes = preview(current.value, fields, {
    tenant: role,
    allocated: usage.status === 'ready' ? usage.value.quota.allocated : current.value.allocated,
    activeTasks: usage.status === 'ready' ? usage.value.activeTasks : activeTasks,
    cluster: agents.status === 'ready' ? clusterTotals(agents.value) : {},
  });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(valid);
    setProblem(undefined);
    if (Object.keys(valid).length > 0) return;
    if (changes.length === 0) return onDone();
    setSaving(true);
    try {
      // Each change names the version it is made from: the one this editor read.
      let etag = current.etag;
      if (quotaChanged(changes)) {
        const answer = await send('PUT', `${path}/quota`, quotaRequest(current.value, fields), {
          'If-Match': etag,
        });
        etag = answer.headers.get('ETag') ?? '';
      }
      if (Number(fields.weight) !== current.value.weight) {
        await send(
          'PUT',
          `${path}/weight`,
          { weight: Number(fields.weight) },
          { 'If-Match': etag },
        );
      }
      onDone();
    } catch (error) {
      if (changedMeanwhile(error)) {
        setProblem({
          title: `Someone else changed ${role}'s quota or weight since you opened it. It is shown as it is now: make your change again.`,
          variant: 'warning',
        });
        await load();
      } else {
        setProblem({ title: describe(error), variant: 'danger' });
      }
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof QuotaFields, label: string, help: string) => (
    <FormGroup label={label} fieldId={`quota-${key}`}>
      <TextInput
        id={`quota-${key}`}
        type="number"
        value={fields[key]}
        validated={errors[key] ? 'error' : 'default'}
        onChange={(_event, value) => setFields({ ...fields, [key]: value })}
        aria-describedby={`quota-${key}-help`}
      />
      <FieldHelp id={`quota-${key}-help`} field={key} error={errors[key]} help={help} />
    </FormGroup>
  );

  return (
    <Card>
      <CardTitle>
        <Title headingLevel="h2">Quota and weight of {role}</Title>
      </CardTitle>
      <CardBody>
        {problem && (
          <Alert
            variant={problem.variant}
            isInline
            title={problem.title}
            data-testid="quota-problem"
          />
        )}
        <Form onSubmit={save} aria-label={`Quota of ${role}`}>
          <Grid hasGutter md={4}>
            <GridItem>{field('guaranteeCpus', 'Guaranteed CPUs', 'Empty: none')}</GridItem>
            <GridItem>{field('guaranteeMem', 'Guaranteed memory (MB)', 'Empty: none')}</GridItem>
            <GridItem>{field('weight', 'Weight', 'Share against others; 1 is usual')}</GridItem>
            <GridItem>{field('limitCpus', 'Most CPUs', 'Empty: no limit')}</GridItem>
            <GridItem>{field('limitMem', 'Most memory (MB)', 'Empty: no limit')}</GridItem>
            <GridItem>{field('maxTasks', 'Most tasks at once', 'Empty: no limit')}</GridItem>
          </Grid>
          <Title headingLevel="h3">What changes</Title>
          {changes.length === 0 ? (
            <p data-testid="quota-preview-empty">
              Nothing yet: change a value above to see what it means for {role}.
            </p>
          ) : (
            <Table
              aria-label={`What changes for ${role}`}
              variant="compact"
              data-testid="quota-preview"
            >
              <Thead>
                <Tr>
                  <Th>Setting</Th>
                  <Th>Now</Th>
                  <Th>New</Th>
                  <Th>What it means</Th>
                </Tr>
              </Thead>
              <Tbody>
                {changes.map((change) => (
                  <Tr key={change.setting}>
                    <Td dataLabel="Setting">{change.setting}</Td>
                    <Td dataLabel="Now">{change.from}</Td>
                    <Td dataLabel="New">{change.to}</Td>
                    <Td dataLabel="What it means">
                      {change.warning ? (
                        <HelperText>
                          <HelperTextItem variant="warning">{change.meaning}</HelperTextItem>
                        </HelperText>
                      ) : (
                        change.meaning
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <ActionGroup>
            <Button type="submit" isLoading={saving} isDisabled={saving}>
              Save quota
            </Button>
            <Button variant="link" onClick={onDone}>
              Cancel
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
