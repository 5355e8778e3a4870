/**
 * `ledgerctl kafka ...`: the broker's ACLs, as its admin (KAFKA_BROKERS and KAFKA_SASL_*
 * of the admin principal; deploy/local/kafka.sh creates the principals' credentials).
 *
 *   grant-service-acls      what each service principal needs, on the default names
 *   add-publisher NAME      the publisher's own ingest topic, and the right to write it
 */
import type { Command } from 'commander';
import { ACCOUNT_ID_PATTERN } from '@ledger/auth';
import { AUDIT_REPLAY_TOPIC_PREFIX, DEFAULT_TOPICS } from '@ledger/contracts';
import {
  createKafka,
  ensureTopics,
  grantAcls,
  ingestTopicOf,
  kafkaConfigFromEnv,
  publisherAcls,
  stackAcls,
  type StackAccessNames,
} from '@ledger/messaging';
import { CliError } from '../../cli-error';
import type { CliContext, CommandGroup } from '../command-group';

/** The topic and group names the services use unless configured otherwise (a test keeps them equal). */
export const DEFAULT_STACK_ACCESS_NAMES: StackAccessNames = {
  ledgerEventsTopic: DEFAULT_TOPICS.ledgerEvents,
  commandIngestTopicPrefix: `${DEFAULT_TOPICS.commandIngest}.`,
  commandDeadLetterTopic: DEFAULT_TOPICS.commandDeadLetter,
  commandIngestGroup: 'alignment-ledger-command-ingest',
  ownershipProjectorGroup: 'ownership-projector',
  reportingProjectorGroup: 'reporting-projector',
  auditGroupPrefix: 'audit',
  auditReplayTopicPrefix: AUDIT_REPLAY_TOPIC_PREFIX,
};

const INGEST_TOPIC_PARTITIONS = 6;

function brokerAdminKafka() {
  return createKafka({ ...kafkaConfigFromEnv(), clientId: 'ledgerctl' });
}

export const kafkaCommands: CommandGroup = {
  name: 'kafka',
  register(program: Command, context: CliContext): void {
    const kafka = program
      .command('kafka')
      .description('access on the Kafka broker, as its admin (KAFKA_BROKERS, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD)');

    kafka
      .command('grant-service-acls')
      .description('grant every service principal (ledger, outbox-relay, the projectors, audit) the ACLs it needs, and no more')
      .action(async () => {
        const acls = stackAcls(DEFAULT_STACK_ACCESS_NAMES);
        await grantAcls(brokerAdminKafka(), acls);
        context.print(`Granted ${acls.length} ACLs to the service principals.`);
      });

    kafka
      .command('add-publisher <principal>')
      .description("create the publisher's ingest topic and allow the principal (its service account id) to write it, and only it")
      .action(async (principal: string) => {
        if (!ACCOUNT_ID_PATTERN.test(principal)) throw new CliError(`"${principal}" is not a principal name: a lower-case slug such as crm-publisher.`);
        const { commandIngestTopicPrefix } = DEFAULT_STACK_ACCESS_NAMES;
        const topic = ingestTopicOf(commandIngestTopicPrefix, principal);
        const client = brokerAdminKafka();
        await ensureTopics(client, [{ topic, numPartitions: INGEST_TOPIC_PARTITIONS }]);
        await grantAcls(client, publisherAcls(principal, commandIngestTopicPrefix));
        context.print(`Kafka principal ${principal} may publish submissions to ${topic} (and nowhere else).`);
      });
  },
};
