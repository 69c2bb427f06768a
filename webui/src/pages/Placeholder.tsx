import { EmptyState, EmptyStateBody, PageSection, Title } from '@patternfly/react-core';
import type { ComponentType } from 'react';

interface PlaceholderProps {
  title: string;
  emptyTitle: string;
  body: string;
  icon: ComponentType;
}

/** A section that has no content yet: says what will appear here. */
export function Placeholder({ title, emptyTitle, body, icon }: PlaceholderProps) {
  return (
    <>
      <PageSection>
        <Title headingLevel="h1">{title}</Title>
      </PageSection>
      <PageSection>
        <EmptyState titleText={emptyTitle} headingLevel="h2" icon={icon}>
          <EmptyStateBody>{body}</EmptyStateBody>
        </EmptyState>
      </PageSection>
    </>
  );
}
