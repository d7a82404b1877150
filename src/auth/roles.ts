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
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function allows(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
