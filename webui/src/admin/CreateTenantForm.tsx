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
import { TENANTS, validateTenant, type Tenant } from '../api/admin';
import { refusal, sendJson } from '../api/client';

interface Props {
  onCreated: (tenant: Tenant) => void;
  onCancel: () => void;
}

const HELP = {
  name: 'Its id and top-level role: lower-case letters, digits and -; never reusable once deleted',
  displayName: 'What people call it',
};

/**
 * Creates a tenant. The fields are checked here as the master checks them; what it still
 * refuses (a name taken, or once used by a deleted tenant) is shown under the field it names.
 */
export function CreateTenantForm({ onCreated, onCancel }: Props) {
  const [fields, setFields] = useState({ name: '', displayName: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = { name: fields.name.trim(), displayName: fields.displayName.trim() };
    const found = validateTenant(request);
    setErrors(found);
    setProblem(undefined);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      onCreated(await sendJson<Tenant>('POST', TENANTS, request));
    } catch (error) {
      const { fields, problem } = refusal(error);
      setErrors(fields);
      setProblem(problem);
    } finally {
      setSending(false);
    }
  };

  const field = (key: 'name' | 'displayName', label: string) => (
    <FormGroup label={label} fieldId={`tenant-${key}`} isRequired>
      <TextInput
        id={`tenant-${key}`}
        value={fields[key]}
        validated={errors[key] ? 'error' : 'default'}
        onChange={(_event, value) => setFields((current) => ({ ...current, [key]: value }))}
        aria-describedby={`tenant-${key}-help`}
      />
      <FieldHelp id={`tenant-${key}-help`} field={key} error={errors[key]} help={HELP[key]} />
    </FormGroup>
  );

  return (
    <Form onSubmit={submit} aria-label="Create a tenant">
      {problem && (
        <Alert
          variant="danger"
          isInline
          title="The tenant was not created"
          data-testid="create-problem"
        >
          {problem}
        </Alert>
      )}
      <Grid hasGutter md={6}>
        <GridItem>{field('name', 'Name')}</GridItem>
        <GridItem>{field('displayName', 'Display name')}</GridItem>
      </Grid>
      <ActionGroup>
        <Button type="submit" isLoading={sending} isDisabled={sending}>
          Create
        </Button>
        <Button variant="link" onClick={onCancel}>
          Cancel
        </Button>
      </ActionGroup>
    </Form>
  );
}
