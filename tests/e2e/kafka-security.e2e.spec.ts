/**
 * Who may submit over Kafka, end to end on the built services and a broker that runs
 * SASL/SCRAM with ACLs (`npm test` starts one): only a publisher's own principal can
 * write its ingest topic, the ledger records that principal as the actor, and holds it
 * to its account's scope. Nothing refused ever reaches the ledger.
 */
import type { CommandSubmission } from '@ledger/contracts';
import { ingestTopicOf, publisherAcls } from '@ledger/messaging';
import {
  createTestKafka,
  createTestTopics,
  deleteTestTopics,
  grantTestAcls,
  revokeTestAcls,
  testKafkaAuthenticates,
  testKafkaPrincipal,
  testKafkaPrincipalEnvironment,
} from '@ledger/testing';
import type { Kafka } from 'kafkajs';
import { eventually } from '../support/eventually';
import { bearer, LedgerStack, TEST_PUBLISHER } from '../support/ledger-stack';

jest.setTimeout(180_000);

const IN_SCOPE = 'kafka-sec-in';
const OUT_OF_SCOPE = 'kafka-sec-out';
/** A principal with Kafka credentials but no service account in the ledger. */
const STRANGER = 'audit';

function proposal(partnershipId: string, idempotencyKey: string): CommandSubmission {
  return {
    type: 'ProposePartnership',
    partnershipId,
    idempotencyKey,
    data: { partnershipId, name: `Partnership ${partnershipId}`, partners: [{ teamId: 'marketing', displayName: 'Marketing' }, { teamId: 'sales', displayName: 'Sales' }], proposedBy: 'marketing' },
  };
}

async function send(kafka: Kafka, topic: string, submission: CommandSubmission): Promise<void> {
  const producer = kafka.producer({ retry: { retries: 1 } });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key: submission.partnershipId, value: JSON.stringify(submission) }] });
  } finally {
    await producer.disconnect();
  }
}

describe('submissions over Kafka from principals that may and may not publish', () => {
  let stack: LedgerStack;
  const deadLetters = async (partnershipId: string) =>
    (await stack.allMessages(stack.topics.commandDeadLetter)).filter(({ key }) => key === partnershipId);

  beforeAll(async () => {
    if (!testKafkaAuthenticates()) {
      throw new Error('These tests need a broker with SASL/SCRAM and ACLs: run them through npm test (bash deploy/local/test.sh).');
    }
    stack = await LedgerStack.start('kafka-security', { publisherScope: { partnershipScope: [IN_SCOPE] } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a producer that does not authenticate, and nothing reaches the ledger', async () => {
    const anonymous = createTestKafka(undefined, null);
    await expect(send(anonymous, stack.topics.publisherIngest, proposal(IN_SCOPE, 'anonymous/propose'))).rejects.toThrow();
    expect(await stack.messageCount(stack.topics.publisherIngest)).toBe(0);
    expect(await stack.eventsOf(IN_SCOPE)).toEqual([]);
  });

  it('refuses an authenticated principal that holds no ACL for the ingest topic, and nothing reaches the ledger', async () => {
    const otherService = createTestKafka(undefined, testKafkaPrincipal('outbox-relay'));
    await expect(send(otherService, stack.topics.publisherIngest, proposal(IN_SCOPE, 'relay/propose'))).rejects.toThrow(/authoriz/i);
    expect(await stack.messageCount(stack.topics.publisherIngest)).toBe(0);
    expect(await stack.eventsOf(IN_SCOPE)).toEqual([]);
  });

  it("dead-letters a publisher's submission outside its scope, recording nothing, then records one within it as that publisher", async () => {
    const publisher = createTestKafka(undefined, testKafkaPrincipal(TEST_PUBLISHER));
    await send(publisher, stack.topics.publisherIngest, proposal(OUT_OF_SCOPE, 'publisher/out-of-scope'));
    await send(publisher, stack.topics.publisherIngest, proposal(IN_SCOPE, 'publisher/in-scope'));

    const recorded = await eventually(async () => (await stack.eventsOf(IN_SCOPE)).at(0), 'the submission within scope to be recorded');
    expect(recorded).toMatchObject({ type: 'PartnershipProposed', actor: TEST_PUBLISHER });
    const [refused] = await deadLetters(OUT_OF_SCOPE);
    expect(refused?.headers).toMatchObject({ 'dlq-reason-code': 'auth.out-of-scope', 'dlq-source-topic': stack.topics.publisherIngest });
    expect(await stack.eventsOf(OUT_OF_SCOPE)).toEqual([]);
  });

  it('dead-letters what a principal without a service account publishes on a topic it may write, within the refresh interval of its topic appearing', async () => {
    const topic = ingestTopicOf(stack.topics.commandIngestPrefix, STRANGER);
    const acls = publisherAcls(STRANGER, stack.topics.commandIngestPrefix);
    await grantTestAcls(acls);
    await createTestTopics([topic], 1);
    try {
      const partnershipId = 'kafka-sec-stranger';
      await send(createTestKafka(undefined, testKafkaPrincipal(STRANGER)), topic, proposal(partnershipId, 'stranger/propose'));
      const [refused] = await eventually(async () => {
        const found = await deadLetters(partnershipId);
        return found.length > 0 && found;
      }, 'the stranger\'s submission to be dead-lettered');
      expect(refused?.headers['dlq-reason-code']).toBe('auth.forbidden');
      expect(await stack.eventsOf(partnershipId)).toEqual([]);
    } finally {
      await revokeTestAcls(acls);
      await deleteTestTopics([topic]);
    }
  });

  it('never writes an API key or a Kafka password to its log', async () => {
    await fetch(`${stack.ledger.url}/partnerships/${IN_SCOPE}`, { headers: bearer(stack.keys.publisher) });
    const forged = 'alk_0123456789abcdef01_forgedforgedforgedforgedforgedforgedforged';
    await fetch(`${stack.ledger.url}/partnerships/${IN_SCOPE}`, { headers: bearer(forged) });
    // Log lines reach the test a little after the answer does.
    const logs = await eventually(async () => {
      const output = stack.ledger.logs();
      return output.includes('Request refused: not authenticated') && output;
    }, 'the ledger to log the refused request');
    for (const secret of [stack.keys.publisher, forged, testKafkaPrincipalEnvironment('ledger').KAFKA_SASL_PASSWORD as string]) {
      expect(logs).not.toContain(secret);
    }
  });
});
