/**
 * Least privilege on the broker: what each principal of the product may do, as ACLs
 * (the broker denies everything no ACL allows). Each service connects as its own
 * principal; each publisher may write only its own ingest topic, which is how the
 * ledger knows who sent a submission.
 *
 *   ledger               reads the ingest topics (prefix) in its group, writes the dead-letter topic, creates its topics
 *   outbox-relay         writes the events topic (idempotent producer)
 *   *-projector          read the events topic in their own group
 *   audit                reads the events topic in groups named audit..., replays history onto topics named <replay prefix>...
 *   <publisher>          writes <ingest prefix><publisher>, nothing else
 */
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Kafka,
} from 'kafkajs';
import { ingestTopicOf } from '../command-ingest/publisher-ingest-consumer';

export const SERVICE_PRINCIPALS = {
  ledger: 'ledger',
  outboxRelay: 'outbox-relay',
  ownershipProjector: 'ownership-projector',
  reportingProjector: 'reporting-projector',
  audit: 'audit',
} as const;

/** The topic and group names the services are configured with (see each service's configuration). */
export interface StackAccessNames {
  ledgerEventsTopic: string;
  commandIngestTopicPrefix: string;
  commandDeadLetterTopic: string;
  commandIngestGroup: string;
  ownershipProjectorGroup: string;
  reportingProjectorGroup: string;
  auditGroupPrefix: string;
  /** Topics the audit service may create and write when it replays history. */
  auditReplayTopicPrefix: string;
}

type Operation = keyof typeof AclOperationTypes;

interface Grant {
  resource: 'TOPIC' | 'GROUP' | 'CLUSTER';
  name: string;
  prefixed?: boolean;
  operations: Operation[];
}

const CLUSTER_NAME = 'kafka-cluster';

function aclsFor(principal: string, grants: Grant[]): AclEntry[] {
  return grants.flatMap(({ resource, name, prefixed = false, operations }) =>
    operations.map((operation) => ({
      resourceType: AclResourceTypes[resource],
      resourceName: name,
      resourcePatternType: prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
      principal: `User:${principal}`,
      host: '*',
      operation: AclOperationTypes[operation],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

export function ledgerAcls(principal: string, names: Pick<StackAccessNames, 'ledgerEventsTopic' | 'commandIngestTopicPrefix' | 'commandDeadLetterTopic' | 'commandIngestGroup'>): AclEntry[] {
  return aclsFor(principal, [
    { resource: 'TOPIC', name: names.commandIngestTopicPrefix, prefixed: true, operations: ['READ', 'DESCRIBE'] },
    { resource: 'GROUP', name: names.commandIngestGroup, operations: ['READ'] },
    { resource: 'TOPIC', name: names.commandDeadLetterTopic, operations: ['WRITE', 'DESCRIBE', 'CREATE'] },
    // Created at start-up when missing, so that the relay and the projectors find it.
    { resource: 'TOPIC', name: names.ledgerEventsTopic, operations: ['DESCRIBE', 'CREATE'] },
    { resource: 'CLUSTER', name: CLUSTER_NAME, operations: ['IDEMPOTENT_WRITE'] },
  ]);
}

export function outboxRelayAcls(principal: string, names: Pick<StackAccessNames, 'ledgerEventsTopic'>): AclEntry[] {
  return aclsFor(principal, [
    { resource: 'TOPIC', name: names.ledgerEventsTopic, operations: ['WRITE', 'DESCRIBE', 'CREATE'] },
    { resource: 'CLUSTER', name: CLUSTER_NAME, operations: ['IDEMPOTENT_WRITE'] },
  ]);
}

export function projectorAcls(principal: string, names: { ledgerEventsTopic: string; groupId: string }): AclEntry[] {
  return aclsFor(principal, [
    { resource: 'TOPIC', name: names.ledgerEventsTopic, operations: ['READ', 'DESCRIBE', 'CREATE'] },
    { resource: 'GROUP', name: names.groupId, operations: ['READ'] },
  ]);
}

export function auditAcls(principal: string, names: Pick<StackAccessNames, 'ledgerEventsTopic' | 'auditGroupPrefix' | 'auditReplayTopicPrefix'>): AclEntry[] {
  return aclsFor(principal, [
    { resource: 'TOPIC', name: names.ledgerEventsTopic, operations: ['READ', 'DESCRIBE'] },
    { resource: 'GROUP', name: names.auditGroupPrefix, prefixed: true, operations: ['READ'] },
    { resource: 'TOPIC', name: names.auditReplayTopicPrefix, prefixed: true, operations: ['CREATE', 'WRITE', 'DESCRIBE'] },
    { resource: 'CLUSTER', name: CLUSTER_NAME, operations: ['IDEMPOTENT_WRITE'] },
  ]);
}

/** A publisher writes its own ingest topic and nothing else. */
export function publisherAcls(principal: string, commandIngestTopicPrefix: string): AclEntry[] {
  return aclsFor(principal, [{ resource: 'TOPIC', name: ingestTopicOf(commandIngestTopicPrefix, principal), operations: ['WRITE', 'DESCRIBE'] }]);
}

/** Every service principal's ACLs for one stack. */
export function stackAcls(names: StackAccessNames): AclEntry[] {
  const { ledgerEventsTopic } = names;
  return [
    ...ledgerAcls(SERVICE_PRINCIPALS.ledger, names),
    ...outboxRelayAcls(SERVICE_PRINCIPALS.outboxRelay, names),
    ...projectorAcls(SERVICE_PRINCIPALS.ownershipProjector, { ledgerEventsTopic, groupId: names.ownershipProjectorGroup }),
    ...projectorAcls(SERVICE_PRINCIPALS.reportingProjector, { ledgerEventsTopic, groupId: names.reportingProjectorGroup }),
    ...auditAcls(SERVICE_PRINCIPALS.audit, names),
  ];
}

/** Adds the ACLs (adding one that exists changes nothing). Needs a principal allowed to alter ACLs. */
export async function grantAcls(kafka: Kafka, acls: AclEntry[]): Promise<void> {
  if (acls.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: acls });
  } finally {
    await admin.disconnect();
  }
}

export async function revokeAcls(kafka: Kafka, acls: AclEntry[]): Promise<void> {
  if (acls.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteAcls({ filters: acls });
  } finally {
    await admin.disconnect();
  }
}
