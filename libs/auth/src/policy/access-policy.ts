/**
 * The product's access policy, in one table: what each permission allows and which
 * roles hold it. Routes name the permission they need (`@RequiresPermission('submit-commands')`);
 * the guard, the README and the matrix test all read this table, so the policy cannot
 * say one thing in the docs and do another in the code.
 *
 * Least privilege: an admin manages accounts and runs operations but does not publish;
 * a publisher records commands but reads no history; auditors and analysts only read.
 */

export const ROLES = ['publisher', 'auditor', 'analyst', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export interface PermissionRule {
  readonly roles: readonly Role[];
  /** What the permission covers, for the README and the OpenAPI document. */
  readonly covers: string;
}

export const ACCESS_POLICY = {
  'submit-commands': {
    roles: ['publisher'],
    covers: 'Record commands (ledger command routes, POST /commands, POST /commands/batch, the Kafka ingest topic) for the partnerships and teams in the account\'s scope.',
  },
  'read-partnership-state': {
    roles: ['publisher', 'auditor', 'analyst'],
    covers: 'The current state of a partnership (GET /partnerships/:id, whose ETag feeds If-Match); a publisher only within its scope.',
  },
  'read-history': {
    roles: ['auditor'],
    covers: 'Recorded events, verification, exports, checkpoints and proofs (GET /partnerships/:id/events, the audit service).',
  },
  'read-views': {
    roles: ['analyst'],
    covers: 'Ownership and reporting views and the sample questions (query API, projector views).',
  },
  'read-operations': {
    roles: ['admin', 'auditor', 'analyst'],
    covers: 'How far publication and projections are behind (GET /relay/lag, GET /projection/lag, rebuild progress).',
  },
  'run-operations': {
    roles: ['admin'],
    covers: 'Operator actions that change a service\'s state (POST /projection/rebuild, POST /audit/replays/*).',
  },
  'manage-accounts': {
    roles: ['admin'],
    covers: 'Service accounts and their API keys (/admin/service-accounts).',
  },
  'read-api-docs': {
    roles: ROLES,
    covers: 'The OpenAPI document and its page (/docs, /openapi.json): any authenticated account.',
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof ACCESS_POLICY;

export const PERMISSIONS = Object.keys(ACCESS_POLICY) as Permission[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when one of `roles` holds `permission`. */
export function grants(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = ACCESS_POLICY[permission].roles;
  return roles.some((role) => allowed.includes(role));
}
