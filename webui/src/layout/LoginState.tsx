import {
  Alert,
  Button,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import { ApiError } from '../api/client';
import { useCurrentUser } from '../api/useCurrentUser';
import { TenantSwitcher } from './TenantSwitcher';

function errorTitle(error: Error): string {
  return error instanceof ApiError ? error.problem.title : 'Could not check who is logged in';
}

function errorDetail(error: Error): string | undefined {
  return error instanceof ApiError ? error.problem.detail : error.message;
}

/** The masthead's right side: who is logged in and a way out, or a way in. */
export function LoginState() {
  const state = useCurrentUser();

  return (
    <Toolbar isFullHeight isStatic>
      <ToolbarContent>
        <ToolbarGroup align={{ default: 'alignEnd' }} alignItems="center">
          {state.status === 'loading' && (
            <ToolbarItem>
              <Spinner size="md" aria-label="Checking login" />
            </ToolbarItem>
          )}
          {state.status === 'anonymous' && (
            <ToolbarItem>
              <Button data-testid="login" onClick={() => window.location.assign('/login')}>
                Log in
              </Button>
            </ToolbarItem>
          )}
          {state.status === 'ready' && (
            <>
              <ToolbarItem>
                <TenantSwitcher />
              </ToolbarItem>
              <ToolbarItem>
                <span data-testid="current-user">{state.user.name}</span>
              </ToolbarItem>
              <ToolbarItem>
                <Button variant="secondary" onClick={() => window.location.assign('/logout')}>
                  Log out
                </Button>
              </ToolbarItem>
            </>
          )}
          {state.status === 'error' && (
            <ToolbarItem>
              <Alert variant="danger" isInline isPlain title={errorTitle(state.error)}>
                {errorDetail(state.error)}
              </Alert>
            </ToolbarItem>
          )}
        </ToolbarGroup>
      </ToolbarContent>
    </Toolbar>
  );
}
