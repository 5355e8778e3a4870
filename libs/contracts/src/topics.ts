/**
 * Kafka topic names. They are versioned so a breaking change of the message shape
 * gets a new topic beside the old one instead of surprising existing consumers.
 */
export const DEFAULT_TOPICS = {
  /** Every recorded event, keyed by stream id, published by the outbox relay. */
  ledgerEvents: 'alignment.ledger.events.v1',
  /** Command submissions from internal systems (see `CommandSubmission`). */
  commandIngest: 'alignment.ledger.commands.v1',
  /** Submissions the ledger could not accept, with the reason in headers and body. */
  commandDeadLetter: 'alignment.ledger.commands.dlq.v1',
} as const;

export type TopicNames = { -readonly [K in keyof typeof DEFAULT_TOPICS]: string };

/**
 * Topics the audit service (and `ledgerctl audit replay`) replays history onto start
 * with this prefix: the only topics its Kafka principal may create and write, so a
 * replay can never land on a topic other consumers trust, such as the ledger's own.
 */
export const AUDIT_REPLAY_TOPIC_PREFIX = 'alignment.ledger.replays.';
