import {
  Alert,
  Breadcrumb,
  BreadcrumbItem,
  Button,
  EmptyState,
  EmptyStateBody,
  Label,
  Spinner,
} from '@patternfly/react-core';
import { DownloadIcon, FolderIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useState } from 'react';
import { describe } from '../api/client';
import { bytes, downloadPath, listPath, type SandboxListing } from '../api/tasks';
import { useJson } from '../jobs/useJson';

/** A task's sandbox: one directory at a time, with a breadcrumb back up and a download per file. */
export function SandboxBrowser({ task }: { task: string }) {
  const [path, setPath] = useState('');
  const [listing, reload] = useJson<SandboxListing>(listPath(task, path));
  const segments = path === '' ? [] : path.split('/');

  return (
    <>
      <Breadcrumb aria-label="Sandbox path">
        <BreadcrumbItem>
          <Button variant="link" isInline onClick={() => setPath('')}>
            sandbox
          </Button>
        </BreadcrumbItem>
        {segments.map((segment, index) => (
          <BreadcrumbItem key={index} isActive={index === segments.length - 1}>
            {index === segments.length - 1 ? (
              segment
            ) : (
              <Button
                variant="link"
                isInline
                onClick={() => setPath(segments.slice(0, index + 1).join('/'))}
              >
                {segment}
              </Button>
            )}
          </BreadcrumbItem>
        ))}
      </Breadcrumb>
      <Button variant="link" isInline onClick={reload} aria-label="Refresh the listing">
        Refresh
      </Button>
      {listing.status === 'loading' && <Spinner aria-label="Loading the sandbox" />}
      {listing.status === 'error' && (
        <Alert variant="danger" isInline title="Could not list the sandbox">
          {describe(listing.error)}
        </Alert>
      )}
      {listing.status === 'ready' && listing.value.entries.length === 0 && (
        <EmptyState titleText="Empty directory" headingLevel="h3">
          <EmptyStateBody>
            {path === '' ? 'The sandbox holds no files yet.' : `${path} holds no files.`}
          </EmptyStateBody>
        </EmptyState>
      )}
      {listing.status === 'ready' && listing.value.entries.length > 0 && (
        <>
          {listing.value.truncated && (
            <Alert variant="info" isInline isPlain title="Only the first 500 entries are shown" />
          )}
          <Table aria-label="Sandbox files" variant="compact" data-testid="sandbox-files">
            <Thead>
              <Tr>
                <Th>Name</Th>
                <Th>Size</Th>
                <Th>Modified</Th>
                <Th screenReaderText="Actions" />
              </Tr>
            </Thead>
            <Tbody>
              {listing.value.entries.map((entry) => (
                <Tr key={entry.path}>
                  <Td dataLabel="Name">
                    {entry.directory ? (
                      <Button
                        variant="link"
                        isInline
                        icon={<FolderIcon />}
                        onClick={() => setPath(entry.path)}
                        aria-label={`Open directory ${entry.name}`}
                      >
                        {entry.name}
                      </Button>
                    ) : (
                      <span>{entry.name}</span>
                    )}{' '}
                    {entry.symlink && <Label isCompact>link</Label>}
                  </Td>
                  <Td dataLabel="Size">{entry.directory ? '' : bytes(entry.size)}</Td>
                  <Td dataLabel="Modified">
                    <time dateTime={entry.modifiedAt}>
                      {new Date(entry.modifiedAt).toLocaleString()}
                    </time>
                  </Td>
                  <Td dataLabel="Actions">
                    {!entry.directory && !entry.symlink && (
                      <Button
                        variant="plain"
                        component="a"
                        href={downloadPath(task, entry.path)}
                        download={entry.name}
                        aria-label={`Download ${entry.name}`}
                        icon={<DownloadIcon />}
                      />
                    )}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
    </>
  );
}
