import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, onUnauthorized, ProblemError, storedToken, storeToken } from './client';
import type { Me, Role } from './types';

type Session = { me: Me; signOut(): void; can(...roles: Role[]): boolean };
const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Who is signed in: the token's /me, refreshed on focus; a refused token signs out. */
export function SessionProvider({ signedOut, loading, failed, children }: { signedOut: (onSignedIn: () => void) => ReactNode; loading: ReactNode; failed: (error: unknown, retry: () => void) => ReactNode; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(storedToken());
  const me = useQuery({ queryKey: ['me', token], queryFn: () => api<Me>('/me'), enabled: token !== null, retry: false, staleTime: 60_000 });

  useEffect(
    () =>
      onUnauthorized(() => {
        storeToken(null);
        setToken(null);
        queryClient.clear();
      }),
    [queryClient],
  );

  const signedIn = () => {
    setToken(storedToken());
    void queryClient.resetQueries({ queryKey: ['me'] });
  };
  // Only a refused token signs out; a network blip or a 502 keeps the session and offers a retry.
  const refused = me.error instanceof ProblemError && me.error.status === 401;
  if (token === null || refused) return <>{signedOut(signedIn)}</>;
  if (!me.data && me.isError) return <>{failed(me.error, () => void me.refetch())}</>;
  if (!me.data) return <>{loading}</>;
  const session: Session = {
    me: me.data,
    signOut() {
      storeToken(null);
      setToken(null);
      queryClient.clear();
    },
    can: (...roles) => roles.includes(me.data.role),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
