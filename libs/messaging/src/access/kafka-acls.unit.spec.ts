import { AclOperationTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { publisherAcls, stackAcls, type StackAccessNames } from './kafka-acls';

const NAMES: StackAccessNames = {
  ledgerEventsTopic: 'events',
  commandIngestTopicPrefix: 'commands.',
  commandDeadLetterTopic: 'commands-dlq',
  commandIngestGroup: 'ingest',
  ownershipProjectorGroup: 'ownership',
  reportingProjectorGroup: 'reporting',
  auditGroupPrefix: 'audit',
  auditReplayTopicPrefix: 'replays.',
};

/** kafkajs's enums are plain objects: the name of a value. */
const nameOf = (values: object, value: number) => Object.entries(values).find(([, candidate]) => candidate === value)?.[0];

const described = (acls: ReturnType<typeof stackAcls>) =>
  acls.map(({ principal, resourceType, resourceName, resourcePatternType, operation }) => ({
    principal,
    on: `${nameOf(AclResourceTypes, resourceType)}:${resourceName}${resourcePatternType === ResourcePatternTypes.PREFIXED ? '*' : ''}`,
    operation: nameOf(AclOperationTypes, operation),
  }));

describe('the ACLs of the product', () => {
  it('let a publisher write its own ingest topic and nothing else', () => {
    expect(described(publisherAcls('crm', 'commands.'))).toEqual([
      { principal: 'User:crm', on: 'TOPIC:commands.crm', operation: 'WRITE' },
      { principal: 'User:crm', on: 'TOPIC:commands.crm', operation: 'DESCRIBE' },
    ]);
  });

  it('let no service write an ingest topic, and only the ledger read them', () => {
    const onIngest = described(stackAcls(NAMES)).filter(({ on }) => on.startsWith('TOPIC:commands.'));
    expect(onIngest).toEqual([
      { principal: 'User:ledger', on: 'TOPIC:commands.*', operation: 'READ' },
      { principal: 'User:ledger', on: 'TOPIC:commands.*', operation: 'DESCRIBE' },
    ]);
  });

  it('let only the outbox relay write the events topic', () => {
    const writers = described(stackAcls(NAMES)).filter(({ on, operation }) => on === 'TOPIC:events' && operation === 'WRITE');
    expect(writers.map(({ principal }) => principal)).toEqual(['User:outbox-relay']);
  });

  it('give each projector its own consumer group only', () => {
    const groups = described(stackAcls(NAMES)).filter(({ on }) => on.startsWith('GROUP:'));
    expect(groups.map(({ principal, on }) => `${principal} ${on}`)).toEqual([
      'User:ledger GROUP:ingest',
      'User:ownership-projector GROUP:ownership',
      'User:reporting-projector GROUP:reporting',
      'User:audit GROUP:audit*',
    ]);
  });
});
