export const roles = ['admin', 'supervisor', 'agent', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const teamCodes = ['L1', 'L2', 'L3', 'risk', 'finance', 'tech', 'field'] as const;

/** What each permission needs. Routes ask for a permission, never for a role by name. */
export const permissions = {
  'cases:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'cases:write': ['admin', 'supervisor', 'agent'],
  'customers:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'customers:write': ['admin', 'supervisor', 'agent'],
  'users:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'users:write': ['admin'],
  'tokens:manage': ['admin'],
  'audit:verify': ['admin', 'supervisor'],
  'sla:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'sla:manage': ['admin'],
  'schedules:manage': ['admin', 'supervisor'],
  'notifications:manage': ['admin'],
  'notifications:read': ['admin', 'supervisor'],
  'integrations:manage': ['admin'],
  'integrations:read': ['admin', 'supervisor'],
  'integrations:sync': ['admin', 'supervisor'],
  'complaints:override': ['admin', 'supervisor'],
  'platform_metrics:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'platform_metrics:write': ['admin'],
  'incidents:read': ['admin', 'supervisor', 'agent', 'viewer'],
  'incidents:manage': ['admin', 'supervisor'],
  'evidence:export': ['admin', 'supervisor'],
  'conduct:manage': ['admin'],
  'disputes:respond': ['admin', 'supervisor', 'agent'],
  'email:ingest': ['admin'],
  /** Log a phone call in another user's name (filling in for an agent). */
  'calls:attribute': ['admin', 'supervisor'],
  'kb:read': ['admin', 'supervisor', 'agent', 'viewer'],
  /** Write, publish and archive knowledge-base articles. */
  'kb:write': ['admin', 'supervisor', 'agent'],
  /** Dashboards and reports: team-wide figures, not for agents. */
  'analytics:read': ['admin', 'supervisor', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

const rank: Record<Role, number> = { viewer: 0, agent: 1, supervisor: 2, admin: 3 };

/** A token never grants more than its user currently has: the lower of the two roles. */
export function effectiveRole(tokenRole: Role, userRole: Role | null): Role {
  return userRole && rank[userRole] < rank[tokenRole] ? userRole : tokenRole;
}

export function allows(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
