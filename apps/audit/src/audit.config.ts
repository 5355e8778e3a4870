/**
 * The audit service's configuration: every setting, its environment variable and a
 * default that runs the local stack. Validated once at start-up. `AUDIT_SIGNER_KEY` is
 * a secret: left empty on a developer's machine, a key is generated into
 * `AUDIT_SIGNER_KEY_FILE` on first start; in production, set it from a secret store.
 */
import { loadConfig } from '@ledger/platform';
import { IsBoolean, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class AuditConfig {
  @IsInt() @Min(0) @Max(65535) port = 3005;
  @IsString() @MinLength(1) databaseUrl = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
  @IsInt() @Min(2) @Max(200) databasePoolSize = 10;
  /** For replays onto a topic only; the audit runs without a broker otherwise. */
  @IsString({ each: true }) kafkaBrokers = ['127.0.0.1:9092'];
  /** C2SP signer key (`PRIVATE+KEY+<name>+<id>+<seed>`); empty: use or create `signerKeyFile`. */
  @IsString() signerKey = '';
  @IsString() @MinLength(1) signerKeyFile = '.local/audit/signer.key';
  /** The log's name: first line of every checkpoint, and the generated key's name. */
  @Matches(/^[^\s+]+$/, { message: 'origin must be one word without spaces or "+", e.g. alignment-ledger.local/ledger' })
  origin = 'alignment-ledger.local/ledger';
  /** Seal whatever is new at least this often... */
  @IsInt() @Min(100) sealIntervalMs = 10_000;
  /** ...or as soon as this many events wait; also the most one checkpoint adds. */
  @IsInt() @Min(1) @Max(1_000_000) sealEvents = 10_000;
  @IsBoolean() sealingEnabled = true;
  /** Largest accepted request body, in the notation of body-parser (e.g. `100kb`); only replays take a body, a small one. */
  @Matches(/^\d+(b|kb|mb)$/i) requestBodyLimit = '100kb';
}

export const AUDIT_ENVIRONMENT = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  kafkaBrokers: 'KAFKA_BROKERS',
  signerKey: 'AUDIT_SIGNER_KEY',
  signerKeyFile: 'AUDIT_SIGNER_KEY_FILE',
  origin: 'AUDIT_ORIGIN',
  sealIntervalMs: 'AUDIT_SEAL_INTERVAL_MS',
  sealEvents: 'AUDIT_SEAL_EVENTS',
  sealingEnabled: 'AUDIT_SEALING_ENABLED',
  requestBodyLimit: 'REQUEST_BODY_LIMIT',
} as const satisfies Record<keyof AuditConfig, string>;

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  return loadConfig(AuditConfig, AUDIT_ENVIRONMENT, env);
}
