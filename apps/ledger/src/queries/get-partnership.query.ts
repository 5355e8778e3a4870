/** CQRS queries over the ledger's own record: a partnership's decided state and its history. */
import { Query } from '@nestjs/cqrs';
import type { EventEnvelope } from '@ledger/contracts';
import type { PartnershipStateJson } from '@ledger/domain';

export interface PartnershipSnapshot {
  partnershipId: string;
  streamId: string;
  version: number;
  state: PartnershipStateJson;
}

export class GetPartnershipQuery extends Query<PartnershipSnapshot | null> {
  constructor(readonly partnershipId: string) {
    super();
  }
}

export class GetPartnershipEventsQuery extends Query<EventEnvelope[]> {
  constructor(
    readonly partnershipId: string,
    readonly fromVersion: number,
    readonly limit: number,
  ) {
    super();
  }
}
