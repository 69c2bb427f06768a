import { useEffect } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { useCurrentUser, type CurrentUserState } from './useCurrentUser';

const REMEMBERED = 'atrium.tenant';

/** The tenant in the URL (`/t/:tenant/...`), and the caller's role in it, if a member. */
export function useTenant(): { tenant: string | undefined; role: string | undefined } {
  const { tenant } = useParams();
  const state = useCurrentUser();
  const role =
    state.status === 'ready'
      ? state.user.memberships.find((membership) => membership.tenant === tenant)?.role
      : undefined;
  return { tenant, role };
}

/**
 * The tenant the user works in now: the one in the URL on a tenant's page, else the one they
 * chose last (remembered in this browser), else their first. Outside React Router's routes,
 * so it reads the path itself.
 */
export function useCurrentTenant(): string | undefined {
  const { pathname } = useLocation();
  const state = useCurrentUser();
  const tenant = tenantInPath(pathname);
  useEffect(() => {
    if (tenant) remember(tenant);
  }, [tenant]);
  return tenant ?? rememberedOrFirst(state);
}

/** The tenant of a `/t/{tenant}/...` path; undefined elsewhere or when it is not valid URL text. */
function tenantInPath(pathname: string): string | undefined {
  const inUrl = /^\/t\/([^/]+)/.exec(pathname)?.[1];
  if (!inUrl) return undefined;
  try {
    return decodeURIComponent(inUrl);
  } catch {
    return undefined;
  }
}

/** The tenant last worked in, if the user still belongs to it, else their first. */
export function rememberedOrFirst(state: CurrentUserState): string | undefined {
  if (state.status !== 'ready') return undefined;
  const tenants = state.user.memberships.map((membership) => membership.tenant);
  const remembered = window.localStorage.getItem(REMEMBERED);
  return remembered && tenants.includes(remembered) ? remembered : tenants[0];
}

function remember(tenant: string) {
  if (window.localStorage.getItem(REMEMBERED) !== tenant) {
    window.localStorage.setItem(REMEMBERED, tenant);
  }
}
