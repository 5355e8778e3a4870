import fc from 'fast-check';
import { joinFieldPath, type FieldViolation } from '@ledger/platform';
import { COMMAND_TYPES } from './dto/command-catalogue';
import { COMMAND_EXAMPLES } from './dto/examples';
import { validateSubmission, type SubmissionValidation } from './validate-submission';

const NOW = new Date('2026-04-01T12:00:00Z');
/** The envelope's fields and a partner's: an extra key must be none of them. */
const KNOWN_FIELDS = new Set(
  ['type', 'partnershipId', 'data', 'idempotencyKey', 'expectedVersion', 'occurredAt', 'sourceSystem', 'correlationId', 'causationId']
    .concat(['teamId', 'displayName']),
);
const commandType = fc.constantFrom(...COMMAND_TYPES);

/** Refused as unknown: the field at `path` itself, or a built-in key such as `valueOf` inside it. */
function refusesFieldOrInside(violations: FieldViolation[], path: string): boolean {
  return violations.some(
    ({ field, rule }) =>
      rule === 'whitelistValidation' && (field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`)),
  );
}

/** Either a trusted submission or a non-empty list of well-formed violations, never an exception. */
function expectWellFormed(validation: SubmissionValidation): void {
  if (validation.ok) return;
  expect(validation.violations.length).toBeGreaterThan(0);
  for (const violation of validation.violations) {
    expect(violation).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
    expect(violation.message.length).toBeGreaterThan(0);
  }
}

/** Code units that break storage or display, mixed with ordinary and exotic text. */
const edgeCaseCharacter = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u007f', '\u0085', '\ud800', '\udfff', '\u202e', '\u200f', '\ufeff', '\n', '\t', ' '),
  fc.constantFrom('🚀', '👩🏽‍💻', 'שלום', 'مرحبا', 'é', 'ß', 'Ω'),
  fc.integer({ min: 0, max: 0xffff }).map((codeUnit) => String.fromCharCode(codeUnit)),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const edgeCaseString = fc.array(edgeCaseCharacter, { maxLength: 30 }).map((parts) => parts.join(''));

describe('validateSubmission, for any input', () => {
  it('never throws on arbitrary JSON as the submission', () => {
    fc.assert(fc.property(fc.jsonValue(), (raw) => expectWellFormed(validateSubmission(raw, NOW))));
  });

  it('never throws on arbitrary JSON as the data of a known command', () => {
    fc.assert(
      fc.property(commandType, fc.jsonValue(), (type, data) => {
        expectWellFormed(validateSubmission({ type, partnershipId: 'mkt-sales-2026', data }, NOW));
      }),
    );
  });

  it('never throws on arbitrary JavaScript values, odd prototypes included', () => {
    const anything = fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true, withBoxedValues: true });
    fc.assert(
      fc.property(commandType, anything, anything, (type, data, raw) => {
        expectWellFormed(validateSubmission(raw, NOW));
        expectWellFormed(validateSubmission({ type, partnershipId: 'p-1', data }, NOW));
      }),
    );
  });

  it('refuses a random extra field in the data, naming it', () => {
    fc.assert(
      fc.property(commandType, fc.string({ minLength: 1 }), fc.jsonValue(), (type, key, value) => {
        const data: Record<string, unknown> = { ...COMMAND_EXAMPLES[type] };
        fc.pre(!Object.prototype.hasOwnProperty.call(data, key));
        Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
        const validation = validateSubmission({ type, partnershipId: 'mkt-sales-2026', data }, NOW);
        expect(validation.ok).toBe(false);
        if (!validation.ok) {
          expect(refusesFieldOrInside(validation.violations, joinFieldPath('data', key, false))).toBe(true);
        }
      }),
    );
  });

  it('refuses a random extra field in a nested object and in the envelope', () => {
    const proposal = COMMAND_EXAMPLES.ProposePartnership;
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.jsonValue(), (key, value) => {
        fc.pre(!KNOWN_FIELDS.has(key));
        const extraField = (target: object) => Object.defineProperty({ ...target }, key, { value, enumerable: true });
        const partners = [extraField(proposal.partners[0]), proposal.partners[1]];
        const submission = extraField({ type: 'ProposePartnership', partnershipId: 'mkt-sales-2026', data: { ...proposal, partners } });
        const validation = validateSubmission(submission, NOW);
        expect(validation.ok).toBe(false);
        if (!validation.ok) {
          expect(refusesFieldOrInside(validation.violations, joinFieldPath('', key, false))).toBe(true);
          expect(refusesFieldOrInside(validation.violations, joinFieldPath('data.partners[0]', key, false))).toBe(true);
        }
      }),
    );
  });

  it('keeps text with unicode edge cases intact, or refuses it on that field', () => {
    fc.assert(
      fc.property(edgeCaseString, (reason) => {
        const validation = validateSubmission({ type: 'SuspendPartnership', partnershipId: 'p-1', data: { reason } }, NOW);
        if (validation.ok) {
          expect(validation.submission.command.data).toEqual({ reason });
        } else {
          expect(validation.violations).toEqual([expect.objectContaining({ field: 'data.reason' })]);
        }
      }),
    );
  });

  it('never lets a NUL character or an unpaired surrogate through', () => {
    const broken = fc.tuple(edgeCaseString, fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), edgeCaseString);
    fc.assert(
      fc.property(broken, ([before, bad, after]) => {
        const reason = `Reason ${before}${bad}${after}`;
        // A high half followed by a low half is a valid pair, not a broken one.
        fc.pre(!/[\ud800-\udbff][\udc00-\udfff]/.test(`${before.slice(-1)}${bad}${after.slice(0, 1)}`) || bad === '\u0000');
        const validation = validateSubmission({ type: 'SuspendPartnership', partnershipId: 'p-1', data: { reason } }, NOW);
        expect(validation.ok).toBe(false);
      }),
    );
  });

  it('accepts identifiers only when they keep to the id pattern', () => {
    fc.assert(
      fc.property(edgeCaseString, (metricId) => {
        const validation = validateSubmission({ type: 'RetireMetric', partnershipId: 'p-1', data: { metricId, reason: 'Old.' } }, NOW);
        expect(validation.ok).toBe(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(metricId));
      }),
    );
  });
});
