/**
 * A sustained load of submissions, as publishing systems send them through faults:
 * SLA observations (each with an observation id and an idempotency key of its own) over
 * many partnerships, over HTTP (single and batched) and over the publisher's Kafka
 * ingest topic. A publisher retries whatever was not acknowledged - a refused
 * connection, a timeout, a 5xx - with the same idempotency key until it is, and now and
 * then repeats one that was acknowledged already, out of order, as real retries do.
 *
 * Acknowledged means: HTTP answered 201 (or the batch item 201) with the recorded
 * result, or Kafka acknowledged the produce. `acknowledged` is what the ledger must
 * then hold exactly once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import type { CommandResult, CommandSubmission } from '@ledger/contracts';
import type { Producer } from 'kafkajs';

export interface LoadCounters {
  /** Observation id -> how it was acknowledged. */
  acknowledged: Map<string, 'http' | 'kafka'>;
  /** HTTP acknowledgements of repeated keys, each compared with the first answer. */
  replaysChecked: number;
  /** Replayed answers that differed from the first: must stay 0. */
  replayMismatches: number;
  /** The first such difference, for the failure message. */
  firstReplayMismatch?: { first: CommandResult; replayed: CommandResult };
  /** Attempts that failed and were retried (refused connections, timeouts, 5xx, Kafka errors). */
  retries: number;
  /** When the ledger itself last acknowledged a submission (HTTP; Kafka's acknowledgement is the broker's), to time recoveries. */
  lastAcknowledgedAt: number;
}

export interface LoadOptions {
  /** Where the ledger answers now; null while it is down (a submission then waits and retries). */
  ledgerUrl: () => string | null;
  publisherKey: string;
  partnershipIds: string[];
  slaId: string;
  httpSubmitters: number;
  kafkaSubmitters: number;
  /** Submissions per batch request for half the HTTP submitters; the others send one at a time. */
  batchSize: number;
  producer: () => Producer;
  ingestTopic: string;
  /**
   * Each Kafka submitter's rate. A producer is acknowledged by the broker, not the ledger,
   * so an unpaced one runs ahead of the ledger's ingest without bound.
   */
  kafkaMessagesPerSecond: number;
  requestTimeoutMs: number;
}

const RETRY_PAUSE_MS = 100;
const REPEAT_EVERY = 7;
const KAFKA_BATCH = 10;

export class SubmissionLoad {
  readonly counters: LoadCounters = { acknowledged: new Map(), replaysChecked: 0, replayMismatches: 0, retries: 0, lastAcknowledgedAt: 0 };
  private readonly firstAnswers = new Map<string, CommandResult>();
  private sequence = 0;
  private running = false;
  private workers: Promise<void>[] = [];

  constructor(
    private readonly runName: string,
    private readonly options: LoadOptions,
  ) {}

  start(): void {
    this.running = true;
    const { httpSubmitters, kafkaSubmitters } = this.options;
    this.workers = [
      ...Array.from({ length: httpSubmitters }, (_, index) => this.httpWorker(index % 2 === 0 ? 1 : this.options.batchSize)),
      ...Array.from({ length: kafkaSubmitters }, () => this.kafkaWorker()),
    ];
  }

  /** Stops offering new submissions; resolves once every one offered is acknowledged. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  private nextSubmission(): CommandSubmission {
    this.sequence += 1;
    const observationId = `${this.runName}-o${this.sequence}`;
    return {
      type: 'RecordSlaObservation',
      partnershipId: this.options.partnershipIds[this.sequence % this.options.partnershipIds.length]!,
      idempotencyKey: `${this.runName}/${observationId}`,
      sourceSystem: 'crm',
      data: { observationId, slaId: this.options.slaId, value: this.sequence % 120 },
    };
  }

  private async httpWorker(batchSize: number): Promise<void> {
    const sent: CommandSubmission[] = [];
    while (this.running) {
      const batch = Array.from({ length: batchSize }, () => this.nextSubmission());
      await this.untilAcknowledged(() => this.postOverHttp(batch));
      sent.push(...batch);
      // A publisher's retry of something long acknowledged: answered from its key, recorded nothing.
      if (sent.length % REPEAT_EVERY === 0) {
        const earlier = sent[Math.floor(Math.random() * sent.length)]!;
        await this.untilAcknowledged(() => this.postOverHttp([earlier]));
      }
    }
  }

  private async kafkaWorker(): Promise<void> {
    while (this.running) {
      const paced = sleep((KAFKA_BATCH * 1000) / this.options.kafkaMessagesPerSecond);
      const batch = Array.from({ length: KAFKA_BATCH }, () => this.nextSubmission());
      await this.untilAcknowledged(async () => {
        await this.options.producer().send({
          topic: this.options.ingestTopic,
          messages: batch.map((submission) => ({ key: submission.partnershipId, value: JSON.stringify(submission) })),
        });
        return true;
      });
      for (const submission of batch) this.acknowledge(submission, 'kafka');
      // Kafka may deliver twice; publishers may send twice: the same message again.
      if (this.sequence % REPEAT_EVERY === 0) {
        await this.untilAcknowledged(async () => {
          await this.options.producer().send({ topic: this.options.ingestTopic, messages: [{ key: batch[0]!.partnershipId, value: JSON.stringify(batch[0]) }] });
          return true;
        });
      }
      await paced;
    }
  }

  /** True once every submission of the batch was acknowledged; false (retry) on anything a fault explains. */
  private async postOverHttp(batch: CommandSubmission[]): Promise<boolean> {
    const single = batch.length === 1;
    const ledgerUrl = this.options.ledgerUrl();
    if (ledgerUrl === null) return false;
    const response = await fetch(`${ledgerUrl}${single ? '/commands' : '/commands/batch'}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.options.publisherKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(single ? batch[0] : { submissions: batch }),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs),
    });
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.status >= 500) return false;
    if (single) {
      if (response.status !== 201) throw new Error(`POST /commands answered ${response.status}: ${JSON.stringify(body)}`);
      this.acknowledgeOverHttp(batch[0]!, body as CommandResult);
      return true;
    }
    const outcomes = (body as { outcomes?: { status: number; result?: CommandResult; problem?: unknown }[] } | null)?.outcomes;
    if (response.status !== 200 || !outcomes) throw new Error(`POST /commands/batch answered ${response.status}: ${JSON.stringify(body)}`);
    if (outcomes.some((outcome) => outcome.status >= 500)) return false;
    outcomes.forEach((outcome, index) => {
      if (!outcome.result) throw new Error(`A batch item was refused: ${JSON.stringify(outcome.problem)}`);
      this.acknowledgeOverHttp(batch[index]!, outcome.result);
    });
    return true;
  }

  private acknowledgeOverHttp(submission: CommandSubmission, result: CommandResult): void {
    const key = submission.idempotencyKey!;
    const first = this.firstAnswers.get(key);
    if (first) {
      this.counters.replaysChecked += 1;
      // Deep equality, not JSON text: the stored answer comes back from jsonb, which orders keys its own way.
      if (!isDeepStrictEqual(first, result)) {
        this.counters.replayMismatches += 1;
        this.counters.firstReplayMismatch ??= { first, replayed: result };
      }
    } else {
      this.firstAnswers.set(key, result);
    }
    this.acknowledge(submission, 'http');
  }

  private acknowledge(submission: CommandSubmission, by: 'http' | 'kafka'): void {
    const { observationId } = submission.data as { observationId: string };
    if (!this.counters.acknowledged.has(observationId)) this.counters.acknowledged.set(observationId, by);
    if (by === 'http') this.counters.lastAcknowledgedAt = Date.now();
  }

  /** Retries until `attempt` reports success; what a fault explains (network, 5xx, Kafka errors) is retried, anything else fails the load. */
  private async untilAcknowledged(attempt: () => Promise<boolean>): Promise<void> {
    for (;;) {
      try {
        if (await attempt()) return;
      } catch (error) {
        if (!isTransient(error)) throw error;
      }
      this.counters.retries += 1;
      await sleep(RETRY_PAUSE_MS);
    }
  }
}

/** A refused or dropped connection, a timeout, or a Kafka client error: what a fault causes, worth a retry. */
function isTransient(error: unknown): boolean {
  // Not `instanceof Error`: fetch's errors come from Node's realm, not the test's (jest runs tests in a vm context).
  if (typeof error !== 'object' || error === null) return false;
  const { name = '', message = '', cause } = error as { name?: string; message?: string; cause?: { code?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  if (name.startsWith('KafkaJS')) return true;
  return message === 'fetch failed' || ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(cause?.code ?? '');
}
