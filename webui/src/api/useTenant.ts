import { useParams } from 'react-router-dom';
import { useCurrentUser } from './useCurrentUser';

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
