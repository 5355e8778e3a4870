/**
 * The write path on a real Postgres: batches decided in order per partnership, refusals
 * that refuse only themselves, retries that append nothing, and a concurrent writer in
 * another process that the batch recovers from on fresh state.
 */
import { partnershipStreamId } from '@ledger/contracts';
import { DomainError, type PartnershipCommand } from '@ledger/domain';
import { aScope } from '../../domain/src/testing';
import { EventStore, IdempotencyKeyReusedError, type AppendOutcome, type AppendRequest } from '@ledger/event-store';
import { verifyStreamChains } from '@ledger/integrity';
import { openEventStoreFixture, type EventStoreFixture } from '../../event-store/src/testing/event-store-fixture';
import { PartnershipRepository } from './partnership-repository';
import { SubmissionExecutor } from './submission-executor';
import type { SubmissionOutcome, SubmissionRequest } from './submission-request';
import type { Actor, WriteAccessPolicy } from './write-access';

const ACTOR: Actor = { accountId: 'svc-crm', roles: ['publisher'], partnershipScope: null, teamScope: null };
const ANYONE_MAY_WRITE: WriteAccessPolicy = { assertMayWrite: () => undefined };

let partnershipCounter = 0;
const newPartnershipId = () => `exec-${Date.now().toString(36)}-${(partnershipCounter += 1)}`;

function submission(partnershipId: string, command: PartnershipCommand, idempotencyKey?: string): SubmissionRequest {
  return { partnershipId, command, idempotencyKey, sourceSystem: 'crm' };
}

const propose = (partnershipId: string): PartnershipCommand => ({
  type: 'ProposePartnership',
  data: {
    partnershipId,
    name: 'Marketing and Sales',
    partners: [
      { teamId: 'marketing', displayName: 'Marketing' },
      { teamId: 'sales', displayName: 'Sales' },
    ],
    proposedBy: 'marketing',
  },
});
const defineScope: PartnershipCommand = { type: 'DefineScope', data: { scope: aScope() } };
const sign = (teamId: string): PartnershipCommand => ({ type: 'SignAgreement', data: { agreementVersion: 1, teamId, signatory: `Head of ${teamId}` } });
const defineTerm = (term: string): PartnershipCommand => ({ type: 'DefineVocabularyTerm', data: { term, definition: `What ${term} means here.` } });

const typesOf = (outcome: SubmissionOutcome) => (outcome.ok ? outcome.outcome.result.events.map((event) => event.type) : []);

/** An event store that lets a test run something just before the next group is written: another process's append, say. */
class InterceptedEventStore extends EventStore {
  beforeNextGroup: (() => Promise<void>) | null = null;
  streamReads = 0;

  override async readStreamsAfter(...args: Parameters<EventStore['readStreamsAfter']>) {
    const events = await super.readStreamsAfter(...args);
    this.streamReads += args[0].length;
    return events;
  }

  override async appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const before = this.beforeNextGroup;
    this.beforeNextGroup = null;
    if (before) await before();
    return super.appendMany(requests);
  }
}

describe('SubmissionExecutor', () => {
  let fixture: EventStoreFixture;
  let store: InterceptedEventStore;
  let executor: SubmissionExecutor;
  /** Another ledger process on the same database, with its own cache. */
  let otherProcess: SubmissionExecutor;

  beforeAll(async () => {
    fixture = await openEventStoreFixture();
    store = new InterceptedEventStore(fixture.dataSource);
    executor = new SubmissionExecutor(store, new PartnershipRepository(store), ANYONE_MAY_WRITE);
    const otherStore = new EventStore(fixture.dataSource);
    otherProcess = new SubmissionExecutor(otherStore, new PartnershipRepository(otherStore), ANYONE_MAY_WRITE);
  });
  afterAll(() => fixture.close());

  const streamOf = async (partnershipId: string) => fixture.store.readStream(partnershipStreamId(partnershipId));

  it('decides a batch in order, each submission on the state the ones before it leave, in one transaction', async () => {
    const id = newPartnershipId();

    const outcomes = await executor.executeAll(
      [submission(id, propose(id)), submission(id, defineScope), submission(id, sign('marketing')), submission(id, sign('sales'))],
      ACTOR,
    );

    expect(outcomes.map(typesOf)).toEqual([['PartnershipProposed'], ['ScopeDefined'], ['AgreementSigned'], ['AgreementSigned', 'AgreementActivated']]);
    const stored = await streamOf(id);
    expect(stored.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(stored.map((event) => event.actor))).toEqual(new Set(['svc-crm']));
    const transactions = await fixture.dataSource.query('SELECT DISTINCT transaction_id FROM ledger.events WHERE stream_id = $1', [partnershipStreamId(id)]);
    expect(transactions).toHaveLength(1);
  });

  it('refuses only the submission the rules refuse; the next one is decided as if it had not been sent', async () => {
    const id = newPartnershipId();

    const outcomes = await executor.executeAll(
      [submission(id, propose(id)), submission(id, defineTerm('mql')), submission(id, defineTerm('mql')), submission(id, defineTerm('sql'))],
      ACTOR,
    );

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false, true]);
    expect((outcomes[2] as { error: unknown }).error).toBeInstanceOf(DomainError);
    expect((await streamOf(id)).map((event) => event.type)).toEqual(['PartnershipProposed', 'VocabularyTermDefined', 'VocabularyTermDefined']);
  });

  it('answers a retried batch with the original results and appends nothing', async () => {
    const id = newPartnershipId();
    const batch = [submission(id, propose(id), `${id}-1`), submission(id, defineTerm('mql'), `${id}-2`)];
    const first = await executor.executeAll(batch, ACTOR);

    const retry = await executor.executeAll(batch, ACTOR);

    expect(retry).toEqual(first.map((outcome) => (outcome.ok ? { ok: true, outcome: { ...outcome.outcome, replayed: true } } : outcome)));
    expect(await streamOf(id)).toHaveLength(2);
  });

  it('records a key repeated within a batch once, and refuses it for a different request', async () => {
    const id = newPartnershipId();
    const key = `${id}-term`;

    const outcomes = await executor.executeAll(
      [submission(id, propose(id)), submission(id, defineTerm('mql'), key), submission(id, defineTerm('mql'), key), submission(id, defineTerm('sql'), key)],
      ACTOR,
    );

    expect(outcomes[1]).toMatchObject({ ok: true, outcome: { replayed: false } });
    expect(outcomes[2]).toEqual({ ok: true, outcome: { ...(outcomes[1] as { outcome: object }).outcome, replayed: true } });
    expect((outcomes[3] as { error: unknown }).error).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await streamOf(id)).toHaveLength(2);
  });

  it('recovers from a concurrent writer in another process: the batch is decided again on fresh state', async () => {
    const id = newPartnershipId();
    await executor.execute(submission(id, propose(id)), ACTOR);
    store.beforeNextGroup = async () => {
      await otherProcess.execute(submission(id, defineTerm('sal')), ACTOR);
    };

    const outcomes = await executor.executeAll([submission(id, defineTerm('mql')), submission(id, defineTerm('sal')), submission(id, defineTerm('sql'))], ACTOR);

    // 'sal' was defined by the other process in the meantime, so the batch's own 'sal' is refused on the fresh state.
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    const stored = await streamOf(id);
    expect(stored.map((event) => (event.data as { term?: string }).term ?? event.type)).toEqual(['PartnershipProposed', 'sal', 'mql', 'sql']);
    expect(verifyStreamChains(stored)).toMatchObject({ status: 'intact' });
  });

  it('decides a single submission on the state it last left, without reading the store', async () => {
    const id = newPartnershipId();
    await executor.execute(submission(id, propose(id)), ACTOR);
    const readsBefore = store.streamReads;

    const outcome = await executor.execute(submission(id, defineTerm('mql')), ACTOR);

    expect(outcome.result.streamVersion).toBe(2);
    expect(store.streamReads).toBe(readsBefore);
  });

  it('meets another process\'s append at the version check and decides again on fresh state', async () => {
    const id = newPartnershipId();
    await executor.execute(submission(id, propose(id)), ACTOR);
    await otherProcess.execute(submission(id, defineTerm('sal')), ACTOR);

    const outcome = await executor.execute(submission(id, defineTerm('mql')), ACTOR);

    expect(outcome.result.streamVersion).toBe(3);
    const stored = await streamOf(id);
    expect(stored.map((event) => (event.data as { term?: string }).term ?? event.type)).toEqual(['PartnershipProposed', 'sal', 'mql']);
    expect(verifyStreamChains(stored)).toMatchObject({ status: 'intact' });
  });

  it('refuses only on fresh state: what another process recorded since can make a submission valid', async () => {
    const id = newPartnershipId();
    await executor.execute(submission(id, propose(id)), ACTOR);
    // This process still believes the scope undefined, where signing is refused.
    await otherProcess.execute(submission(id, defineScope), ACTOR);

    const outcome = await executor.execute(submission(id, sign('marketing')), ACTOR);

    expect(outcome.result.events.map((event) => event.type)).toEqual(['AgreementSigned']);
    expect(outcome.result.streamVersion).toBe(3);
  });

  it('answers a retried single submission the rules now refuse with the original result, and refuses a different one under its key', async () => {
    const id = newPartnershipId();
    await executor.execute(submission(id, propose(id)), ACTOR);
    const original = await executor.execute(submission(id, defineTerm('mql'), `${id}-mql`), ACTOR);

    const retry = await executor.execute(submission(id, defineTerm('mql'), `${id}-mql`), ACTOR);
    const reused = executor.execute(submission(id, defineTerm('sql'), `${id}-mql`), ACTOR);

    expect(retry).toEqual({ ...original, replayed: true });
    await expect(reused).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await streamOf(id)).toHaveLength(2);
  });

  it('answers a refusal with the rules\' reason when the key was never seen', async () => {
    const id = newPartnershipId();
    await executor.execute(submission(id, propose(id)), ACTOR);
    await executor.execute(submission(id, defineTerm('mql')), ACTOR);

    await expect(executor.execute(submission(id, defineTerm('mql'), `${id}-again`), ACTOR)).rejects.toBeInstanceOf(DomainError);
    expect(await fixture.store.findByIdempotencyKey(`${id}-again`)).toBeNull();
  });

  it('lets concurrent single submissions to many partnerships share a transaction while one is in flight', async () => {
    const oneAtATime = new InterceptedEventStore(fixture.dataSource);
    const serial = new SubmissionExecutor(oneAtATime, new PartnershipRepository(oneAtATime), ANYONE_MAY_WRITE, { groupCommit: { maxGroupsInFlight: 1 } });
    const ids = Array.from({ length: 32 }, newPartnershipId);
    // The first transaction waits until every submission has loaded its partnership and queued its append.
    oneAtATime.beforeNextGroup = async () => {
      while (oneAtATime.streamReads < ids.length) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50));
    };

    const outcomes = await Promise.all(ids.map((id) => serial.execute(submission(id, propose(id)), ACTOR)));

    expect(outcomes.every((outcome) => !outcome.replayed && outcome.result.streamVersion === 1)).toBe(true);
    const [{ transactions }] = await fixture.dataSource.query(
      'SELECT count(DISTINCT transaction_id)::int AS transactions FROM ledger.events WHERE stream_id = ANY($1::text[])',
      [ids.map(partnershipStreamId)],
    );
    expect(transactions).toBeLessThanOrEqual(2);
  });
});
