/**
 * The checkpoint verifier key a command checks with. Best pinned by the auditor
 * (`--verifier-key`, or AUDIT_VERIFIER_KEY); otherwise fetched from the audit service,
 * with a warning: a key served by the people being audited proves consistency, not
 * that the checkpoints are theirs to stand by.
 */
import { IntegrityError, parseVerifierKey } from '@ledger/integrity';
import { CliError } from '../../cli-error';
import type { CliContext } from '../command-group';
import { AuditClient } from './audit-client';
import { auditUrlOf } from './audit-options';

export interface KeyOptions {
  verifierKey?: string;
  auditUrl: string;
  /** The global --api-key (LEDGER_API_KEY), to ask the audit service for its key. */
  apiKey?: string;
}

export async function trustedVerifierKey(options: KeyOptions, context: CliContext): Promise<string> {
  if (options.verifierKey !== undefined) return checkedKey(options.verifierKey);
  const served = await new AuditClient(auditUrlOf(options), options.apiKey).get<{ verifierKey: string }>('/audit/verifier-key');
  context.print(`Using the verifier key served by ${auditUrlOf(options)}: ${served.verifierKey} (pin it with --verifier-key).`);
  return checkedKey(served.verifierKey);
}

export function checkedKey(key: string): string {
  try {
    parseVerifierKey(key);
    return key;
  } catch (error) {
    if (error instanceof IntegrityError) throw new CliError(`--verifier-key: ${error.message}`);
    throw error;
  }
}
