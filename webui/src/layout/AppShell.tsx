import type { ReactNode } from 'react';
import {
  Masthead,
  MastheadBrand,
  MastheadContent,
  MastheadLogo,
  MastheadMain,
  MastheadToggle,
  Nav,
  NavItem,
  NavList,
  Page,
  PageSidebar,
  PageSidebarBody,
  PageToggleButton,
} from '@patternfly/react-core';
import { BarsIcon } from '@patternfly/react-icons';
import { NavLink, useLocation } from 'react-router-dom';
import { LoginState } from './LoginState';

const sections = [
  { path: '/', label: 'Overview' },
  { path: '/jobs', label: 'Jobs' },
  { path: '/tenant', label: 'Tenant' },
  { path: '/agents', label: 'Agents' },
  { path: '/admin/tenants', label: 'All tenants' },
  { path: '/admin/audit', label: 'Audit log' },
];

/** The frame of every page: masthead with the login state, navigation, content. */
export function AppShell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadToggle>
          <PageToggleButton variant="plain" aria-label="Navigation">
            <BarsIcon />
          </PageToggleButton>
        </MastheadToggle>
        <MastheadBrand>
          <MastheadLogo component="a" href="/">
            Atrium
          </MastheadLogo>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <LoginState />
      </MastheadContent>
    </Masthead>
  );

  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label="Sections">
          <NavList>
            {sections.map((section) => (
              <NavItem
                key={section.path}
                isActive={
                  pathname === section.path ||
                  (section.path !== '/' && pathname.endsWith(section.path)) ||
                  (section.path === '/jobs' && pathname.includes('/jobs/'))
                }
              >
                <NavLink to={section.path}>{section.label}</NavLink>
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );

  return (
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar>
      {children}
    </Page>
  );
}
