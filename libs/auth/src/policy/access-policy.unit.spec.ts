import { ACCESS_POLICY, grants, PERMISSIONS, ROLES } from './access-policy';

describe('the access policy', () => {
  it('gives every permission to at least one role, and only to known roles', () => {
    for (const permission of PERMISSIONS) {
      expect(ACCESS_POLICY[permission].roles.length).toBeGreaterThan(0);
      for (const role of ACCESS_POLICY[permission].roles) expect(ROLES).toContain(role);
    }
  });

  it('lets only publishers record commands: an admin manages accounts but does not publish', () => {
    expect(ROLES.filter((role) => grants([role], 'submit-commands'))).toEqual(['publisher']);
    expect(grants(['admin'], 'manage-accounts')).toBe(true);
  });

  it('keeps history for auditors and views for analysts, both read only', () => {
    expect(ROLES.filter((role) => grants([role], 'read-history'))).toEqual(['auditor']);
    expect(ROLES.filter((role) => grants([role], 'read-views'))).toEqual(['analyst']);
    for (const reader of ['auditor', 'analyst'] as const) {
      const granted = PERMISSIONS.filter((permission) => grants([reader], permission));
      for (const change of ['submit-commands', 'manage-accounts', 'run-operations']) expect(granted).not.toContain(change);
    }
  });

  it('grants a permission to an account holding any role that has it', () => {
    expect(grants(['auditor', 'publisher'], 'submit-commands')).toBe(true);
    expect(grants([], 'read-api-docs')).toBe(false);
  });
});
