// How the console and the portal start: one query client with the same retry rule, i18n first,
// then the app in StrictMode under the query provider.
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ProblemError } from './problem';

export async function startApp(App: ComponentType, setupI18n: () => Promise<unknown>, queries: { refetchOnWindowFocus?: boolean } = {}): Promise<void> {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        ...queries,
        // A 4xx (unknown link, expired link, no such article, refused input) will not get better by asking again.
        retry: (failures, error) => !(error instanceof ProblemError && error.status < 500) && failures < 2,
      },
    },
  });
  await setupI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
