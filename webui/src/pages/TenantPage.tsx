import {
  Alert,
  Button,
  ClipboardCopy,
  Flex,
  FlexItem,
  Form,
  FormGroup,
  FormSelect,
  FormSelectOption,
  PageSection,
  Progress,
  Spinner,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState, type FormEvent } from 'react';
import { describe, send, sendJson } from '../api/client';
import type { Page } from '../api/jobs';
import { useTenant } from '../api/useTenant';
import { useTenantEvents, STREAM_OPENED } from '../api/useTenantEvents';
import { StreamBanner } from '../jobs/StreamBanner';
import { useJson } from '../jobs/useJson';

interface Member {
  subject: string;
  username: string;
  email?: string;
  role: string;
  version: number;
}

interface Token {
  id: string;
  name: string;
  role: string;
  ownerName?: string;
  expiresAt: string;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
}

interface Usage {
  quota: {
    limits: Record<string, number>;
    guarantees: Record<string, number>;
    allocated: Record<string, number>;
    maxTasks?: number;
  };
  activeTasks: number;
}

const ROLES = ['tenant-admin', 'developer', 'viewer'];

/** A tenant for its members: usage against quota; for tenant admins also members and API tokens. */
export function TenantPage() {
  const { tenant, role } = useTenant();
  const base = tenant ? `/api/tenants/${encodeURIComponent(tenant)}` : undefined;
  const [usage, reloadUsage] = useJson<Usage>(base && `${base}/usage`);
  const isAdmin = role === 'tenant-admin';
  const [members, reloadMembers] = useJson<Page<Member>>(
    isAdmin && base ? `${base}/members` : undefined,
  );
  const [tokens, reloadTokens] = useJson<Page<Token>>(base && `${base}/tokens`);
  const stream = useTenantEvents(tenant, 'task.*,quota.*,member.*,token.*', (type) => {
    if (type === STREAM_OPENED) {
      reloadMembers();
      reloadTokens();
      reloadUsage();
    } else if (type.startsWith('member.')) reloadMembers();
    else if (type.startsWith('token.')) reloadTokens();
    else reloadUsage();
  });
  const [problem, setProblem] = useState<string | undefined>();
  const [newMember, setNewMember] = useState({ user: '', role: 'viewer' });
  const [newToken, setNewToken] = useState('');
  const [secret, setSecret] = useState<string | undefined>();

  const run = async (action: () => Promise<unknown>, after: () => void) => {
    setProblem(undefined);
    try {
      await action();
      after();
    } catch (error) {
      setProblem(describe(error));
    }
  };

  const changeRole = (member: Member, newRole: string) =>
    run(
      () =>
        send(
          'PUT',
          `${base}/members/${encodeURIComponent(member.subject)}/role`,
          { role: newRole },
          {
            'If-Match': `"${member.version}"`,
          },
        ),
      reloadMembers,
    );

  const addMember = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => sendJson('POST', `${base}/members`, newMember),
      () => {
        setNewMember({ user: '', role: 'viewer' });
        reloadMembers();
      },
    );
  };

  const createToken = (event: FormEvent) => {
    event.preventDefault();
    void run(
      async () =>
        setSecret(
          (await sendJson<{ secret: string }>('POST', `${base}/tokens`, { name: newToken })).secret,
        ),
      () => {
        setNewToken('');
        reloadTokens();
      },
    );
  };

  return (
    <>
      <PageSection>
        <Title headingLevel="h1">Tenant {tenant}</Title>
      </PageSection>
      <PageSection>
        <StreamBanner state={stream} />
        {problem && (
          <Alert variant="danger" isInline title={problem} data-testid="tenant-problem" />
        )}
        <Title headingLevel="h2">Usage against quota</Title>
        {usage.status === 'loading' && <Spinner aria-label="Loading usage" />}
        {usage.status === 'error' && (
          <Alert variant="danger" isInline title={describe(usage.error)} />
        )}
        {usage.status === 'ready' && (
          <>
            {Object.keys(usage.value.quota.limits).length === 0 &&
              usage.value.quota.maxTasks == null && (
                <p>No quota limits: the tenant shares the pool by its weight.</p>
              )}
            {Object.entries(usage.value.quota.limits).map(([resource, limit]) => (
              <Progress
                key={resource}
                title={`${resource}: ${usage.value.quota.allocated[resource] ?? 0} of ${limit}`}
                value={
                  limit > 0 ? (100 * (usage.value.quota.allocated[resource] ?? 0)) / limit : 100
                }
                aria-label={`${resource} used of its limit`}
              />
            ))}
            <p data-testid="active-tasks">
              {usage.value.activeTasks} task(s) running
              {usage.value.quota.maxTasks != null && ` of at most ${usage.value.quota.maxTasks}`}
            </p>
          </>
        )}
      </PageSection>
      {isAdmin && (
        <PageSection>
          <Title headingLevel="h2">Members</Title>
          {members.status === 'ready' && (
            <Table aria-label="Members" variant="compact">
              <Thead>
                <Tr>
                  <Th>User</Th>
                  <Th>E-mail</Th>
                  <Th>Role</Th>
                </Tr>
              </Thead>
              <Tbody>
                {members.value.items.map((member) => (
                  <Tr key={member.subject} data-testid={`member-${member.username}`}>
                    <Td dataLabel="User">{member.username}</Td>
                    <Td dataLabel="E-mail">{member.email ?? '—'}</Td>
                    <Td dataLabel="Role">
                      <FormSelect
                        value={member.role}
                        aria-label={`Role of ${member.username}`}
                        onChange={(_event, value) => void changeRole(member, value)}
                      >
                        {ROLES.map((r) => (
                          <FormSelectOption key={r} value={r} label={r} />
                        ))}
                      </FormSelect>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          <Form isHorizontal onSubmit={addMember} aria-label="Add a member">
            <Flex>
              <FlexItem>
                <FormGroup label="User name or e-mail" fieldId="member-user">
                  <TextInput
                    id="member-user"
                    value={newMember.user}
                    onChange={(_event, user) => setNewMember((current) => ({ ...current, user }))}
                  />
                </FormGroup>
              </FlexItem>
              <FlexItem>
                <FormGroup label="Role" fieldId="member-role">
                  <FormSelect
                    id="member-role"
                    value={newMember.role}
                    onChange={(_event, value) =>
                      setNewMember((current) => ({ ...current, role: value }))
                    }
                  >
                    {ROLES.map((r) => (
                      <FormSelectOption key={r} value={r} label={r} />
                    ))}
                  </FormSelect>
                </FormGroup>
              </FlexItem>
              <FlexItem>
                <Button type="submit">Add member</Button>
              </FlexItem>
            </Flex>
          </Form>
        </PageSection>
      )}
      <PageSection>
        <Title headingLevel="h2">API tokens</Title>
        {secret && (
          <Alert
            variant="success"
            isInline
            title="Copy the token now: it is not shown again"
            data-testid="token-secret"
          >
            <ClipboardCopy isReadOnly hoverTip="Copy" clickTip="Copied">
              {secret}
            </ClipboardCopy>
          </Alert>
        )}
        {tokens.status === 'ready' && tokens.value.items.length > 0 && (
          <Table aria-label="API tokens" variant="compact">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>Owner</Th>
                <Th>Role</Th>
                <Th>Expires</Th>
                <Th>Last used</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {tokens.value.items.map((token) => (
                <Tr key={token.id}>
                  <Td dataLabel="Name">{token.name}</Td>
                  <Td dataLabel="Owner">{token.ownerName}</Td>
                  <Td dataLabel="Role">{token.role}</Td>
                  <Td dataLabel="Expires">{new Date(token.expiresAt).toLocaleDateString()}</Td>
                  <Td dataLabel="Last used">
                    {token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : 'never'}
                  </Td>
                  <Td dataLabel="Actions">
                    {token.revokedAt ? (
                      'revoked'
                    ) : (
                      <Button
                        variant="secondary"
                        isDanger
                        onClick={() =>
                          void run(
                            () => send('DELETE', `${base}/tokens/${encodeURIComponent(token.id)}`),
                            reloadTokens,
                          )
                        }
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        <Form isHorizontal onSubmit={createToken} aria-label="Create an API token">
          <Flex>
            <FlexItem>
              <FormGroup label="Token name" fieldId="token-name">
                <TextInput
                  id="token-name"
                  value={newToken}
                  onChange={(_event, value) => setNewToken(value)}
                />
              </FormGroup>
            </FlexItem>
            <FlexItem>
              <Button type="submit">Create token</Button>
            </FlexItem>
          </Flex>
        </Form>
      </PageSection>
    </>
  );
}
