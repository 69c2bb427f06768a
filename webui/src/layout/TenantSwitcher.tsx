import { MenuToggle, Select, SelectList, SelectOption } from '@patternfly/react-core';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../api/useCurrentUser';
import { useCurrentTenant } from '../api/useTenant';

/**
 * Which tenant the portal works in, for users in several: choosing one opens the same section
 * (jobs, tenant) in it. Users in one tenant see its name only.
 */
export function TenantSwitcher() {
  const state = useCurrentUser();
  const current = useCurrentTenant();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);

  if (state.status !== 'ready' || !current) return null;
  const memberships = state.user.memberships;
  if (memberships.length < 2) {
    return <span data-testid="current-tenant">{current}</span>;
  }

  const choose = (tenant: string) => {
    setOpen(false);
    const section = /^\/t\/[^/]+\/(tenant)/.exec(pathname)?.[1] ?? 'jobs';
    navigate(`/t/${encodeURIComponent(tenant)}/${section}`);
  };

  return (
    <Select
      isOpen={open}
      selected={current}
      onSelect={(_event, value) => choose(String(value))}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => setOpen(!open)}
          isExpanded={open}
          aria-label={`Tenant: ${current}. Switch tenant`}
          data-testid="tenant-switcher"
        >
          {current}
        </MenuToggle>
      )}
    >
      <SelectList aria-label="Your tenants">
        {memberships.map((membership) => (
          <SelectOption
            key={membership.tenant}
            value={membership.tenant}
            description={membership.role}
          >
            {membership.tenant}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
}
