/**
 * Replays history in the background: onto a Kafka topic (as the relay publishes it),
 * or into a fresh copy of a projection, compared row by row with the live one. POST
 * (an operator's action: the admin's) answers at once (202) with the job; GET shows its
 * progress and outcome. A range that names no event, or a topic outside the audit's
 * replay prefix, is refused before anything starts.
 */
import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import {
  CommittedLog,
  compareWithLive,
  eventStoreGaps,
  historyPages,
  replayIntoProjection,
  replayToTopic,
  resolveRange,
} from '@ledger/audit';
import { EventStore } from '@ledger/event-store';
import { ensureTopics, KafkaEventPublisher } from '@ledger/messaging';
import { createValidationPipe } from '@ledger/platform';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { AuditConfig } from '../audit.config';
import { BackgroundJobs } from '../jobs/background-jobs';
import { JobSchema, ProblemSchema } from '../openapi/schemas';
import { ProjectionReplayRequestDto, TopicReplayRequestDto } from './dto/replay-requests.dto';

const TOPIC_REPLAY = 'topic-replay';
const PROJECTION_REPLAY = 'projection-replay';
const REPLAY_TOPIC_PARTITIONS = 6;

@ApiTags('Replay')
@Controller('audit/replays')
export class ReplaysHttpController {
  constructor(
    private readonly config: AuditConfig,
    private readonly jobs: BackgroundJobs,
    private readonly log: CommittedLog,
    private readonly eventStore: EventStore,
    private readonly kafka: Kafka,
  ) {}

  @RequiresPermission('run-operations')
  @Post('topic')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ operationId: 'ReplayToTopic', summary: 'Re-publish a range of history onto a Kafka topic, as the outbox relay publishes it' })
  @ApiAcceptedResponse({ type: JobSchema })
  async toTopic(@Body(createValidationPipe()) request: TopicReplayRequestDto) {
    const range = await resolveRange(this.log, request);
    return this.jobs.start<{ eventsPublished: number }, unknown>(TOPIC_REPLAY, async ({ report, signal }) => {
      await ensureTopics(this.kafka, [{ topic: request.topic, numPartitions: REPLAY_TOPIC_PARTITIONS }]);
      const publisher = new KafkaEventPublisher({ kafka: this.kafka, topic: request.topic });
      await publisher.connect();
      try {
        return await replayToTopic({ log: this.log, publisher, range, signal, onProgress: (eventsPublished) => report({ eventsPublished }) });
      } finally {
        await publisher.disconnect();
      }
    });
  }

  @RequiresPermission('run-operations')
  @Post('projection')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'ReplayIntoProjection',
    summary: 'Replay the whole history into a fresh copy of a projection, and compare it with the live one row by row',
  })
  @ApiAcceptedResponse({ type: JobSchema })
  intoProjection(@Body(createValidationPipe()) request: ProjectionReplayRequestDto) {
    return this.jobs.start<{ eventsApplied: number }, unknown>(PROJECTION_REPLAY, async ({ report }) => {
      const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'alignment-audit-replay' });
      await client.connect();
      try {
        const query = (sql: string, params: readonly unknown[]) => client.query(sql, params as unknown[]);
        const { eventsApplied } = await replayIntoProjection({
          databaseUrl: this.config.databaseUrl,
          query,
          projection: request.projection,
          intoSchema: request.intoSchema,
          pages: historyPages(this.log),
          readGap: eventStoreGaps(this.eventStore),
          onProgress: (applied) => report({ eventsApplied: applied }),
        });
        const comparison = request.compare ? await compareWithLive(query, request.projection, request.intoSchema) : null;
        return { schema: request.intoSchema, eventsApplied, comparison };
      } finally {
        await client.end();
      }
    });
  }

  /** Its result can hold rows of the ledger's views (a comparison's differences): the auditor's to read. */
  @RequiresPermission('read-history')
  @Get(':id')
  @ApiOperation({ operationId: 'GetReplay', summary: 'Progress and outcome of a replay' })
  @ApiOkResponse({ type: JobSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  get(@Param('id') id: string) {
    const job = this.jobs.get(id, TOPIC_REPLAY) ?? this.jobs.get(id, PROJECTION_REPLAY);
    if (!job) throw new NotFoundException(`No replay ${id} is known to this instance (jobs are kept in memory).`);
    return job;
  }
}
