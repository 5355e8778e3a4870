import { COMMAND_EXAMPLES } from './dto/examples';
import { MAX_NESTING_DEPTH } from './dto/input-structure';
import { MAX_REPORTED_VIOLATIONS, validateSubmission, type SubmissionValidation } from './validate-submission';

const NOW = new Date('2026-04-01T12:00:00Z');

const reading = {
  type: 'RecordReading',
  partnershipId: 'mkt-sales-2026',
  idempotencyKey: 'crm-7f3c2a91',
  expectedVersion: 12,
  occurredAt: '2026-03-31T17:45:00+02:00',
  sourceSystem: 'crm',
  correlationId: 'req-5d1e9b',
  causationId: 'evt-91a0',
  data: COMMAND_EXAMPLES.RecordReading,
};

function violationsOf(validation: SubmissionValidation) {
  if (validation.ok) throw new Error('expected the submission to be refused');
  return validation.violations;
}

function refusalOf(raw: unknown) {
  return violationsOf(validateSubmission(raw, NOW)).map(({ field, rule }) => ({ field, rule }));
}

describe('validateSubmission', () => {
  it('accepts a complete submission and pairs it with the command to decide', () => {
    expect(validateSubmission(reading, NOW)).toEqual({
      ok: true,
      submission: { ...reading, command: { type: 'RecordReading', data: COMMAND_EXAMPLES.RecordReading } },
    });
  });

  it('accepts a minimal submission and adds no empty optional fields', () => {
    const validation = validateSubmission({ type: 'ResumePartnership', partnershipId: 'p-1', data: { reason: 'Back.' } }, NOW);
    expect(validation.ok && Object.keys(validation.submission).sort()).toEqual(['command', 'data', 'partnershipId', 'type']);
  });

  it('accepts a proposal whose data names the same partnership', () => {
    const proposal = { type: 'ProposePartnership', partnershipId: 'mkt-sales-2026', data: COMMAND_EXAMPLES.ProposePartnership };
    expect(validateSubmission(proposal, NOW)).toMatchObject({ ok: true });
  });

  it.each([null, [], 'RecordReading', 7, true])('refuses %p as the submission, on (body)', (raw) => {
    expect(refusalOf(raw)).toEqual([{ field: '(body)', rule: 'isObject' }]);
  });

  it('refuses an unknown command type with one violation listing the accepted types', () => {
    const violations = violationsOf(validateSubmission({ ...reading, type: 'DeletePartnership' }, NOW));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ field: 'type', rule: 'isIn' });
    expect(violations[0].message).toContain('ProposePartnership, DefineScope, AmendScope');
    expect(violations[0].message).toContain('TerminatePartnership');
  });

  it('reports envelope and data violations together, data paths under data', () => {
    const raw = { ...reading, partnershipId: 'mkt sales', data: { ...reading.data, period: 'March' } };
    expect(refusalOf(raw)).toEqual([
      { field: 'partnershipId', rule: 'matches' },
      { field: 'data.period', rule: 'matches' },
    ]);
  });

  it('refuses a missing or non-object data', () => {
    const { data: _data, ...withoutData } = reading;
    expect(refusalOf(withoutData)).toEqual([{ field: 'data', rule: 'isDefined' }]);
    expect(refusalOf({ ...reading, data: [reading.data] })).toEqual([{ field: 'data', rule: 'isObject' }]);
  });

  it('refuses unknown envelope fields and unknown data fields', () => {
    const raw = { ...reading, priority: 'high', data: { ...reading.data, confidence: 0.9 } };
    expect(refusalOf(raw)).toEqual([
      { field: 'priority', rule: 'whitelistValidation' },
      { field: 'data.confidence', rule: 'whitelistValidation' },
    ]);
  });

  it('quotes an unknown field whose name is not an identifier', () => {
    expect(refusalOf({ ...reading, data: { ...reading.data, 'odd key': 1 } })).toEqual([
      { field: 'data["odd key"]', rule: 'whitelistValidation' },
    ]);
  });

  it('refuses a __proto__ key instead of letting it vanish', () => {
    const raw = JSON.parse(`{"type":"ResumePartnership","partnershipId":"p-1","data":{"reason":"x","__proto__":{"polluted":true}}}`);
    expect(refusalOf(raw)).toEqual([{ field: 'data.__proto__', rule: 'whitelistValidation' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a proposal whose data names another partnership', () => {
    const proposal = { type: 'ProposePartnership', partnershipId: 'other-id', data: COMMAND_EXAMPLES.ProposePartnership };
    expect(violationsOf(validateSubmission(proposal, NOW))).toEqual([
      {
        field: 'data.partnershipId',
        rule: 'equalsPartnershipId',
        message: `data.partnershipId must equal the submission's partnershipId ("other-id").`,
      },
    ]);
  });

  describe('occurredAt', () => {
    it.each(['2026-03-31T17:45:00Z', '2026-03-31T17:45:00.123456+05:30', '2026-04-01T12:05:00Z'])('accepts %s', (occurredAt) => {
      expect(validateSubmission({ ...reading, occurredAt }, NOW)).toMatchObject({ ok: true });
    });

    it.each([
      ['2026-03-31T17:45:00', 'matches'],
      ['2026-03-31', 'matches'],
      ['2026-02-30T10:00:00Z', 'isIso8601'],
      ['2026-03-31T25:00:00Z', 'isIso8601'],
    ])('refuses %s, which is not a real instant with an offset (%s)', (occurredAt, rule) => {
      expect(refusalOf({ ...reading, occurredAt })).toEqual([{ field: 'occurredAt', rule }]);
    });

    it('refuses a business time more than 5 minutes ahead of the given now', () => {
      const violations = violationsOf(validateSubmission({ ...reading, occurredAt: '2026-04-01T12:05:01Z' }, NOW));
      expect(violations).toEqual([
        { field: 'occurredAt', rule: 'notInFuture', message: expect.stringContaining('2026-04-01T12:00:00.000Z') },
      ]);
    });

    it('judges the future against the now it is given, not the machine clock', () => {
      const farFuture = { ...reading, occurredAt: '2090-01-01T00:00:00Z' };
      expect(validateSubmission(farFuture, new Date('2090-01-01T00:00:00Z'))).toMatchObject({ ok: true });
    });
  });

  it.each([
    ['idempotencyKey', 'has spaces', 'matches'],
    ['idempotencyKey', 'x'.repeat(201), 'matches'],
    ['idempotencyKey', '', 'matches'],
    ['expectedVersion', -1, 'min'],
    ['expectedVersion', 2.5, 'isInt'],
    ['expectedVersion', '3', 'isInt'],
    ['sourceSystem', 'CRM', 'matches'],
    ['correlationId', 42, 'isString'],
    ['causationId', null, 'isString'],
  ])('refuses %s = %p (%s)', (field, value, rule) => {
    expect(refusalOf({ ...reading, [field]: value })).toEqual([{ field, rule }]);
  });

  it('accepts expected version 0, the version of an empty stream', () => {
    expect(validateSubmission({ ...reading, expectedVersion: 0 }, NOW)).toMatchObject({ ok: true });
  });

  it('refuses nesting deeper than any command needs, without walking it recursively', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const violations = refusalOf({ ...reading, data: { ...reading.data, deep } });
    expect(violations).toHaveLength(1);
    expect(violations[0].rule).toBe('maxDepth');
    expect(violations[0].field.split('[0]')).toHaveLength(MAX_NESTING_DEPTH);
  });

  it('reports at most a bounded number of violations for a hostile payload', () => {
    const extras = Object.fromEntries(Array.from({ length: 500 }, (_, index) => [`extra${index}`, index]));
    const violations = violationsOf(validateSubmission({ ...reading, ...extras }, NOW));
    expect(violations).toHaveLength(MAX_REPORTED_VIOLATIONS + 1);
    expect(violations.at(-1)).toEqual({ field: '(body)', rule: 'tooManyViolations', message: expect.stringContaining('400 more') });
  });
});
