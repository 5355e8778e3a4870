/**
 * How a demo partnership is written down: commands at the business time they happen,
 * from the system that would send them, in any order. `toSubmissions` turns the script
 * into what the ledger receives: in business-time order, each with a deterministic
 * idempotency key (`demo/<partnership>/<n>`) so a second load records nothing new.
 */
import type { CommandSubmission } from '@ledger/contracts';
import type { CommandData, PartnershipCommand, PartnershipCommandType } from '@ledger/domain';

/** Where people record agreements, rights and decisions (as opposed to CRM, finance, ...). */
export const ALIGNMENT_PORTAL = 'alignment-portal';

export interface ScriptedCommand {
  at: Date;
  command: PartnershipCommand;
  sourceSystem: string;
}

export class PartnershipScript {
  private readonly scripted: ScriptedCommand[] = [];

  constructor(readonly partnershipId: string) {}

  record<T extends PartnershipCommandType>(at: Date, type: T, data: CommandData<T>, sourceSystem = ALIGNMENT_PORTAL): void {
    this.scripted.push({ at, command: { type, data } as PartnershipCommand, sourceSystem });
  }

  /** In business-time order; commands at the same moment keep the order they were written in. */
  toSubmissions(correlationId: string): CommandSubmission[] {
    const ordered = [...this.scripted].sort((a, b) => a.at.getTime() - b.at.getTime());
    return ordered.map(({ at, command, sourceSystem }, index) => ({
      type: command.type,
      partnershipId: this.partnershipId,
      idempotencyKey: `demo/${this.partnershipId}/${index + 1}`,
      occurredAt: at.toISOString(),
      sourceSystem,
      correlationId,
      data: command.data as unknown as Record<string, unknown>,
    }));
  }
}
