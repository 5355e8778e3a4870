/** Response shapes of the audit service, described for the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemSchema {
  @ApiProperty({ example: 'https://alignment-ledger.dev/problems/audit.checkpoint-not-found' }) type!: string;
  @ApiProperty({ example: 'Not Found' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty({ example: 'No checkpoint seals exactly 41 events; GET /audit/checkpoints lists the signed tree sizes.' }) detail!: string;
  @ApiProperty({ example: 'audit.checkpoint-not-found', description: 'Stable machine-readable code.' }) code!: string;
  @ApiPropertyOptional({ description: 'Each offending field: { field, rule, message }.', type: 'array', items: { type: 'object' } }) errors?: object[];
}

export class EventEnvelopeSchema {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'DecisionRecorded' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ example: 'partnership-mkt-sales' }) streamId!: string;
  @ApiProperty({ example: 12 }) streamVersion!: number;
  @ApiProperty({ example: 4711 }) globalPosition!: number;
  @ApiProperty({ format: 'date-time', description: 'Business time: when it happened.' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Ledger time: when the ledger recorded it.' }) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: object;
  @ApiProperty({ example: 'svc-crm', description: 'Who submitted it.' }) actor!: string;
  @ApiProperty({ example: 'crm', description: 'From which system.' }) sourceSystem!: string;
  @ApiProperty({ description: 'Why: the business request it belongs to.' }) correlationId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why: the message that caused it.' }) causationId!: string | null;
  @ApiProperty({ description: 'Hash of the previous event of the stream.' }) prevHash!: string;
  @ApiProperty({ description: 'SHA-256 over the canonical event and prevHash.' }) hash!: string;
}

export class StreamHistorySchema {
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: [EventEnvelopeSchema] }) events!: EventEnvelopeSchema[];
  @ApiProperty({ nullable: true, type: Number, description: 'fromVersion of the next page; null after the last.' }) nextFromVersion!: number | null;
}

export class LogHistorySchema {
  @ApiProperty({ type: [EventEnvelopeSchema] }) events!: EventEnvelopeSchema[];
  @ApiProperty({ nullable: true, type: Number, description: '`after` for the next page; null when the log is exhausted for now.' }) nextAfter!: number | null;
}

export class VerifierKeySchema {
  @ApiProperty({ example: 'alignment-ledger.local/ledger' }) origin!: string;
  @ApiProperty({ example: 'alignment-ledger.local/ledger+1a2b3c4d+AbCd...', description: 'C2SP signed-note verifier key (Ed25519). Pin it.' })
  verifierKey!: string;
}

export class CheckpointSchema {
  @ApiProperty({ example: 1024, description: 'Events sealed: the first treeSize events of the log in commit order.' }) treeSize!: number;
  @ApiProperty({ description: 'RFC 6962 root hash, base64.' }) rootHash!: string;
  @ApiProperty({ description: 'Global position of the last sealed event.' }) lastPosition!: number;
  @ApiProperty({ description: 'The C2SP signed checkpoint note.' }) signedNote!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class CheckpointPageSchema {
  @ApiProperty({ type: [CheckpointSchema] }) checkpoints!: CheckpointSchema[];
  @ApiProperty({ nullable: true, type: Number, description: '`after` for the next page.' }) nextAfter!: number | null;
}

export class InclusionProofSchema {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() globalPosition!: number;
  @ApiProperty({ description: 'Zero-based leaf index in the log (commit order).' }) leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ description: 'Hex RFC 6962 leaf hash of (position, event hash).' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'Hex hashes from the leaf up.' }) proof!: string[];
  @ApiProperty({ description: 'The signed checkpoint the proof leads to.' }) checkpoint!: string;
}

export class ConsistencyProofSchema {
  @ApiProperty() fromTreeSize!: number;
  @ApiProperty() toTreeSize!: number;
  @ApiProperty({ type: [String], description: 'Hex hashes (RFC 6962 PROOF).' }) proof!: string[];
  @ApiProperty() fromCheckpoint!: string;
  @ApiProperty() toCheckpoint!: string;
}

export class StateAsOfSchema {
  @ApiProperty() partnershipId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ description: '{ time: business | ledger, instant } or { version }: the moment, naming its time axis.', type: 'object', additionalProperties: true })
  asOf!: object;
  @ApiProperty() eventsApplied!: number;
  @ApiProperty() lastStreamVersion!: number;
  @ApiProperty({ description: 'The PartnershipState the domain rebuilds.', type: 'object', additionalProperties: true }) state!: object;
}

export class StateChangeSchema {
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) kind!: string;
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } }) path!: Array<string | number>;
  @ApiPropertyOptional() before?: unknown;
  @ApiPropertyOptional() after?: unknown;
}

export class DiffSchema {
  @ApiProperty() partnershipId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) from!: object;
  @ApiProperty({ type: 'object', additionalProperties: true }) to!: object;
  @ApiProperty({ type: [StateChangeSchema] }) changes!: StateChangeSchema[];
}

export class JobSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'verification' }) kind!: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] }) state!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) progress!: object | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The verdict or outcome once finished.' }) result!: object | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) error!: object | null;
}
