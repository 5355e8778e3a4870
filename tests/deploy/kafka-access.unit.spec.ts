/**
 * The names the broker's ACLs are granted on (`ledgerctl kafka grant-service-acls`) must
 * be the ones the services use by default, or a service would start without its rights.
 */
import { DEFAULT_STACK_ACCESS_NAMES } from '../../apps/cli/src/commands/kafka/kafka.commands';
import { LedgerConfig } from '../../apps/ledger/src/ledger.config';
import { RelayConfig } from '../../apps/outbox-relay/src/relay.config';
import { OwnershipProjectorConfig } from '../../apps/ownership-projector/src/ownership-projector.config';
import { ReportingProjectorConfig } from '../../apps/reporting-projector/src/reporting-projector.config';

describe('the default names of the service ACLs', () => {
  it('are the topics and consumer groups the services use by default', () => {
    const ledger = new LedgerConfig();
    expect(DEFAULT_STACK_ACCESS_NAMES).toMatchObject({
      ledgerEventsTopic: ledger.ledgerEventsTopic,
      commandIngestTopicPrefix: ledger.commandIngestTopicPrefix,
      commandDeadLetterTopic: ledger.commandDeadLetterTopic,
      commandIngestGroup: ledger.commandIngestGroup,
      ownershipProjectorGroup: new OwnershipProjectorConfig().projectorGroup,
      reportingProjectorGroup: new ReportingProjectorConfig().projectorGroup,
    });
    expect(new RelayConfig().ledgerEventsTopic).toBe(DEFAULT_STACK_ACCESS_NAMES.ledgerEventsTopic);
  });
});
