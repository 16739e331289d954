// Entry point of the staff web app: theme, notifications, query cache, router.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './global.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureCsrf, isApiError } from './api/client.ts';
import { signInDestination } from './features/auth/mfa-api.ts';
import { type SessionData, sessionKey, sessionQuery } from './features/auth/session.ts';
import { createAppRouter } from './router.tsx';
import { theme } from './theme.ts';

// A 401 anywhere but on the session probe itself means the session ended (expired or signed out elsewhere).
function onUnauthenticated(error: unknown, queryKey?: readonly unknown[]) {
  if (!isApiError(error, 401) || queryKey?.[0] === sessionKey[0]) return;
  queryClient.setQueryData(sessionKey, null);
  void router.navigate({ to: '/login', search: { redirect: router.state.location.href } });
}

// 403 auth.mfa_required: the organization now requires a second factor this session has not given (or an
// admin reset it). Re-read the session and go to the step it owes, then back to this page.
function onMfaRequired(error: unknown) {
  if (!isApiError(error, 403) || error.code !== 'auth.mfa_required') return;
  const wanted = router.state.location.href;
  void queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 }).then((session) => {
    if (session?.mfaPending) void router.navigate({ href: signInDestination(session, wanted) });
  });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      onUnauthenticated(error, query.queryKey);
      onMfaRequired(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error) => {
      onUnauthenticated(error);
      onMfaRequired(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final; retry only what may be transient.
      retry: (count, error) => count < 2 && (!isApiError(error) || error.status >= 500 || error.status === 0),
    },
  },
});

configureCsrf({
  read: () => queryClient.getQueryData<SessionData>(sessionKey)?.csrfToken,
  refresh: async () => (await queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 }))?.csrfToken,
});

const router = createAppRouter(queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
