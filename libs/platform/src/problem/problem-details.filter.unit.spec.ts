import { BadRequestException, Body, Controller, ForbiddenException, Get, Logger, Post, type INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsString, Length, ValidateNested } from 'class-validator';
import request from 'supertest';
import { ProblemDetailsFilter } from './problem-details.filter';
import { problem, ProblemException, PROBLEM_CONTENT_TYPE } from './problem-details';
import { createValidationPipe } from './validation-pipe';

class MemberDto {
  @IsString() @Length(2, 10) teamId!: string;
}

class TeamDto {
  @IsString() @Length(1, 5) name!: string;
  @ValidateNested({ each: true }) @Type(() => MemberDto) members!: MemberDto[];
  @IsString({ each: true }) @Length(1, 3, { each: true }) tags!: string[];
}

const SECRET = 'postgres://ledger:hunter2@10.0.0.7/ledger';

@Controller()
class ExampleController {
  @Post('teams')
  create(@Body() team: TeamDto) {
    return team;
  }

  @Post('refusal')
  refuse() {
    throw new BadRequestException('Only on Tuesdays.');
  }

  @Get('conflict')
  conflict() {
    throw new ProblemException(
      problem(409, 'metric.already-exists', 'Metric "mql-volume" already exists.', {
        errors: [{ field: 'metricId', rule: 'metric.already-exists', message: 'Choose another id.' }],
      }),
    );
  }

  @Get('forbidden')
  forbidden() {
    throw new ForbiddenException('Analysts may not record decisions.');
  }

  @Get('crash')
  crash() {
    throw new Error(`connect ECONNREFUSED ${SECRET}`);
  }
}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;
  let logError: jest.SpyInstance;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ExampleController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    await app.init();
  });

  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => logError.mockRestore());

  afterAll(() => app.close());

  const http = () => request(app.getHttpServer());

  it('answers a failed validation with request.invalid and the full path of every field', async () => {
    const response = await http()
      .post('/teams')
      .send({ name: 'Marketing', members: [{ teamId: 'sales' }, { teamId: 'x' }], tags: ['ok', 'far too long'], colour: 'red' })
      .expect(400);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.body).toMatchObject({
      type: 'https://alignment-ledger.dev/problems/request.invalid',
      title: 'Bad Request',
      status: 400,
      code: 'request.invalid',
      instance: '/teams',
    });
    expect(response.body.errors.map(({ field, rule }: { field: string; rule: string }) => ({ field, rule }))).toEqual([
      { field: 'colour', rule: 'whitelistValidation' },
      { field: 'name', rule: 'isLength' },
      { field: 'members[1].teamId', rule: 'isLength' },
      { field: 'tags[1]', rule: 'isLength' },
    ]);
  });

  it('answers malformed JSON with request.malformed-json', async () => {
    const response = await http().post('/teams').set('Content-Type', 'application/json').send('{"name": "Mark').expect(400);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.body).toMatchObject({ status: 400, code: 'request.malformed-json', instance: '/teams' });
    expect(response.body.detail).toMatch(/^The request body is not valid JSON/);
  });

  it('keeps a handler\'s own 400 apart from malformed JSON', async () => {
    const response = await http().post('/refusal').send({ day: 'monday' }).expect(400);
    expect(response.body).toMatchObject({ code: 'bad-request', detail: 'Only on Tuesdays.' });
  });

  it('answers a body over the size limit with 413 request.too-large', async () => {
    const response = await http().post('/teams').send({ name: 'x'.repeat(200 * 1024) }).expect(413);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.body).toMatchObject({ status: 413, code: 'request.too-large' });
  });

  it('answers a thrown ProblemException with its own problem, adding where it happened', async () => {
    const response = await http().get('/conflict').set('X-Request-Id', 'req-42').expect(409);
    expect(response.body).toEqual({
      type: 'https://alignment-ledger.dev/problems/metric.already-exists',
      title: 'Conflict',
      status: 409,
      detail: 'Metric "mql-volume" already exists.',
      code: 'metric.already-exists',
      errors: [{ field: 'metricId', rule: 'metric.already-exists', message: 'Choose another id.' }],
      instance: '/conflict',
      requestId: 'req-42',
    });
    expect(logError).not.toHaveBeenCalled();
  });

  it('answers any other HTTP exception with its status, a code from the status and its message', async () => {
    const response = await http().get('/forbidden').expect(403);
    expect(response.body).toMatchObject({ code: 'forbidden', title: 'Forbidden', detail: 'Analysts may not record decisions.' });
  });

  it('answers an unknown route with 404 not-found', async () => {
    const response = await http().get('/nowhere?token=abc').expect(404);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.body).toMatchObject({ status: 404, code: 'not-found', instance: '/nowhere' });
  });

  it('answers an unexpected error with a bare 500 and logs it under the request id', async () => {
    const response = await http().get('/crash').set('X-Request-Id', 'req-crash-1').expect(500);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.body).toEqual({
      type: 'https://alignment-ledger.dev/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
      detail: 'The server failed to handle the request; it has been logged as request req-crash-1.',
      instance: '/crash',
      requestId: 'req-crash-1',
    });
    expect(response.text).not.toContain('hunter2');
    expect(response.text).not.toContain('ECONNREFUSED');
    expect(response.text).not.toContain('.ts:');
    expect(logError).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: 'req-crash-1', err: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }) }),
      expect.any(String),
    );
  });
});
