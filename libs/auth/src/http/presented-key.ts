/**
 * Where a caller puts its API key: `Authorization: Bearer <key>` (services, the CLI), or
 * `Authorization: Basic base64(<anything>:<key>)` so that a browser's login prompt can
 * open the API documentation. Nothing else is read: never a query string, which ends up
 * in logs and browser history.
 */
export function presentedKey(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme = '', credentials = ''] = authorization.trim().split(/\s+/, 2);
  if (credentials === '') return null;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return credentials;
    case 'basic': {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      return separator >= 0 && separator < decoded.length - 1 ? decoded.slice(separator + 1) : null;
    }
    default:
      return null;
  }
}
