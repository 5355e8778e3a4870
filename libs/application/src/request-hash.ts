/**
 * Fingerprint of what a submission asks for, stored with its idempotency key. A retry
 * carries the same fingerprint; the same key with another fingerprint is a client bug
 * (a key reused for a different request) and is refused rather than silently replayed.
 * Delivery details (business time defaults, correlation ids) are left out on purpose.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export function submissionRequestHash(request: {
  partnershipId: string;
  command: { type: string; data: unknown };
  expectedVersion?: number;
}): string {
  const canonical = canonicalize({
    partnershipId: request.partnershipId,
    type: request.command.type,
    data: request.command.data,
    expectedVersion: request.expectedVersion ?? null,
  });
  return createHash('sha256').update(canonical ?? '').digest('hex');
}
