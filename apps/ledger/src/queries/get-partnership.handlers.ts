/** Answers the ledger's read queries straight from the event store (the source of truth). */
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PartnershipRepository } from '@ledger/application';
import { partnershipStreamId, upcast, type EventEnvelope } from '@ledger/contracts';
import { partnershipStateAsJson } from '@ledger/domain';
import { EventStore } from '@ledger/event-store';
import { GetPartnershipEventsQuery, GetPartnershipQuery, type PartnershipSnapshot } from './get-partnership.query';

@QueryHandler(GetPartnershipQuery)
export class GetPartnershipHandler implements IQueryHandler<GetPartnershipQuery, PartnershipSnapshot | null> {
  constructor(private readonly repository: PartnershipRepository) {}

  async execute({ partnershipId }: GetPartnershipQuery): Promise<PartnershipSnapshot | null> {
    const streamId = partnershipStreamId(partnershipId);
    const { state, version } = await this.repository.load(streamId);
    return version === 0 ? null : { partnershipId, streamId, version, state: partnershipStateAsJson(state) };
  }
}

@QueryHandler(GetPartnershipEventsQuery)
export class GetPartnershipEventsHandler implements IQueryHandler<GetPartnershipEventsQuery, EventEnvelope[]> {
  constructor(private readonly eventStore: EventStore) {}

  async execute({ partnershipId, fromVersion, limit }: GetPartnershipEventsQuery): Promise<EventEnvelope[]> {
    const events = await this.eventStore.readStream(partnershipStreamId(partnershipId), { fromVersion, limit });
    return events.map(upcast);
  }
}
