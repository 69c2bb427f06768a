import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, getJson } from './client';

/** The logged-in user, as `GET /api/me` returns it. */
export interface CurrentUser {
  subject: string;
  username: string;
  name: string;
  email: string;
  roles: string[];
  memberships: { tenant: string; role: string }[];
}

export type CurrentUserState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'ready'; user: CurrentUser }
  | { status: 'error'; error: ApiError | Error };

const CurrentUserContext = createContext<CurrentUserState>({ status: 'loading' });

/** Asks the master who is logged in, once per page load, for every component below. */
export function CurrentUserProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CurrentUserState>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    getJson<CurrentUser>('/api/me', abort.signal)
      .then((user) => setState({ status: 'ready', user }))
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        if (error instanceof ApiError && error.unauthenticated) {
          setState({ status: 'anonymous' });
        } else {
          setState({
            status: 'error',
            error: error instanceof Error ? error : new Error(String(error)),
          });
        }
      });
    return () => abort.abort();
  }, []);
  return <CurrentUserContext.Provider value={state}>{children}</CurrentUserContext.Provider>;
}

/** Who is logged in; `anonymous` when there is no session. */
export function useCurrentUser(): CurrentUserState {
  return useContext(CurrentUserContext);
}

/** Whether the logged-in user is a platform admin. */
export function isPlatformAdmin(state: CurrentUserState): boolean {
  return state.status === 'ready' && state.user.roles.includes('platform-admin');
}
