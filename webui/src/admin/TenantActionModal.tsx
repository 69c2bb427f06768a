import {
  Alert,
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Spinner,
} from '@patternfly/react-core';
import { useCallback, useEffect, useState } from 'react';
import {
  changedMeanwhile,
  getVersioned,
  tenantPath,
  type Tenant,
  type Versioned,
} from '../api/admin';
import { describe, send } from '../api/client';

export type TenantAction = 'suspend' | 'resume' | 'delete';

interface Props {
  tenant: string;
  action: TenantAction;
  onClose: () => void;
  /** After the master took the change. */
  onDone: () => void;
}

const VERB: Record<TenantAction, string> = {
  suspend: 'Suspend',
  resume: 'Resume',
  delete: 'Delete',
};

/**
 * Asks before suspending, resuming or deleting a tenant. It reads the tenant when it opens and
 * changes it from that version (If-Match): what the admin confirms is what they saw.
 */
export function TenantActionModal({ tenant, action, onClose, onDone }: Props) {
  const [read, setRead] = useState<Versioned<Tenant> | undefined>();
  const [problem, setProblem] = useState<{ title: string; variant: 'danger' | 'warning' }>();
  const [sending, setSending] = useState(false);

  const load = useCallback(async () => {
    try {
      setRead(await getVersioned<Tenant>(tenantPath(tenant)));
    } catch (error) {
      setProblem({ title: describe(error), variant: 'danger' });
    }
  }, [tenant]);

  useEffect(() => {
    void load();
  }, [load]);

  const confirm = async () => {
    if (!read) return;
    setSending(true);
    setProblem(undefined);
    try {
      const version = { 'If-Match': read.etag };
      if (action === 'delete') {
        await send('DELETE', `${tenantPath(tenant)}?drain=true`, undefined, version);
      } else {
        await send('PATCH', tenantPath(tenant), { suspended: action === 'suspend' }, version);
      }
      onDone();
    } catch (error) {
      if (changedMeanwhile(error)) {
        setProblem({
          title: `Someone else changed ${tenant} since this opened; it is shown as it is now.`,
          variant: 'warning',
        });
        await load();
      } else {
        setProblem({ title: describe(error), variant: 'danger' });
      }
    } finally {
      setSending(false);
    }
  };

  const tasks = read?.value.activeTasks ?? 0;
  const body = {
    suspend: `${tenant} takes no new jobs while suspended; its ${tasks} running task(s) go on. You can resume it later.`,
    resume: `${tenant} takes new jobs again.`,
    delete:
      tasks > 0
        ? `${tenant} is suspended and its ${tasks} running task(s) are killed; when the last has ended, the tenant goes with its members, API tokens, jobs and quota. Its name can never be used again.`
        : `${tenant} goes with its members, API tokens, jobs and quota. Its name can never be used again.`,
  }[action];

  return (
    <Modal variant="small" isOpen onClose={onClose} aria-labelledby="tenant-action-title">
      <ModalHeader
        title={`${VERB[action]} ${tenant}?`}
        labelId="tenant-action-title"
        titleIconVariant={action === 'delete' ? 'warning' : undefined}
      />
      <ModalBody>
        {problem && (
          <Alert
            variant={problem.variant}
            isInline
            title={problem.title}
            data-testid="tenant-action-problem"
          />
        )}
        {read ? (
          <p data-testid="tenant-action-body">{body}</p>
        ) : (
          !problem && <Spinner size="md" aria-label={`Reading ${tenant}`} />
        )}
      </ModalBody>
      <ModalFooter>
        <Button
          variant={action === 'resume' ? 'primary' : 'danger'}
          onClick={() => void confirm()}
          isDisabled={!read || sending}
          isLoading={sending}
        >
          {VERB[action]}
        </Button>
        <Button variant="link" onClick={onClose}>
          Cancel
        </Button>
      </ModalFooter>
    </Modal>
  );
}
