/**
 * Which topics history may be replayed onto: only those named
 * `AUDIT_REPLAY_TOPIC_PREFIX<name>`, the only ones the audit's Kafka principal may
 * create and write. Checked before anything starts, by the service and by `ledgerctl`
 * alike, so a wrong name is refused with a sentence instead of failing half-way on an
 * authorisation error from the broker.
 */
import { AUDIT_REPLAY_TOPIC_PREFIX } from '@ledger/contracts';
import { AuditError } from '../audit-error';

const MAX_TOPIC_LENGTH = 249;

export const REPLAY_TOPIC_PATTERN = new RegExp(
  `^${AUDIT_REPLAY_TOPIC_PREFIX.replace(/\./g, '\\.')}[A-Za-z0-9._-]{1,${MAX_TOPIC_LENGTH - AUDIT_REPLAY_TOPIC_PREFIX.length}}$`,
);

/** The rule, as a sentence's end: "<topic> must be ..." */
export const REPLAY_TOPIC_RULE =
  `${AUDIT_REPLAY_TOPIC_PREFIX} followed by letters, digits, ".", "_" or "-" ` +
  `(the only topics the audit's Kafka principal may create and write), e.g. ${AUDIT_REPLAY_TOPIC_PREFIX}2025-03`;

export function assertReplayTopic(topic: string, field = 'topic'): void {
  if (REPLAY_TOPIC_PATTERN.test(topic)) return;
  throw new AuditError('invalid', 'audit.replay-topic-not-allowed', `The replay topic "${topic}" is not allowed: it must be ${REPLAY_TOPIC_RULE}.`, field);
}
