import '@patternfly/react-core/dist/styles/base.css';
import './atrium.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { CurrentUserProvider } from './api/useCurrentUser';
import { followSystemColorScheme } from './theme';

followSystemColorScheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <CurrentUserProvider>
        <App />
      </CurrentUserProvider>
    </BrowserRouter>
  </StrictMode>,
);
