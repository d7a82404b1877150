// Queries shared by the access settings tabs. Keys start with 'settings' so writes can refresh them.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Team, User } from '../../../api/types';
import type { Calendar } from './types';

export const keys = {
  users: ['settings', 'users'] as const,
  tokens: ['settings', 'tokens'] as const,
  teams: ['settings', 'teams'] as const,
  schedule: (team: string) => ['settings', 'schedule', team] as const,
  calendars: ['settings', 'calendars'] as const,
  escalation: ['settings', 'escalation-paths'] as const,
  channels: ['settings', 'notification-channels'] as const,
  outbox: ['settings', 'outbox'] as const,
};

export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: async () => (await api<{ items: User[] }>('/users')).items });
export const useTeams = () => useQuery({ queryKey: keys.teams, queryFn: async () => (await api<{ items: Team[] }>('/teams')).items });
export const useCalendars = () => useQuery({ queryKey: keys.calendars, queryFn: async () => (await api<{ items: Calendar[] }>('/calendars')).items });

/** A team's name in the console's language (the server stores English names for the standard teams). */
export function useTeamLabel(): (code: string | null | undefined, teams?: Team[]) => string {
  const { t } = useTranslation('settingsAccess');
  return (code, teams) => {
    if (!code) return t('team.none');
    const stored = teams?.find((team) => team.code === code)?.name;
    return t(`team.${code}`, { defaultValue: stored ?? code });
  };
}
