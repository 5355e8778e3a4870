import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, HashableEvent, canonicalEventForm, computeEventHash } from './hash-chain';

// Plain text, and text full of what JSON must escape: quotes, backslashes, controls, lone surrogates.
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', '😀'), maxLength: 8 }),
);
const anyNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const anyEvent: fc.Arbitrary<HashableEvent> = fc.record({
  eventId: anyString,
  streamId: anyString,
  streamVersion: anyNumber,
  type: anyString,
  schemaVersion: anyNumber,
  data: fc.jsonValue(),
  occurredAt: anyString,
  recordedAt: anyString,
  actor: anyString,
  sourceSystem: anyString,
  correlationId: anyString,
  causationId: fc.option(anyString, { nil: null }),
});

/** The definition: RFC 8785 over the whole form, SHA-256 over prevHash, newline and form. */
function referenceHash(prevHash: string, event: HashableEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(referenceForm(event)).digest('hex');
}

function referenceForm(event: HashableEvent): string {
  const { eventId, streamId, streamVersion, type, schemaVersion, data, occurredAt, recordedAt } = event;
  const { actor, sourceSystem, correlationId, causationId } = event;
  return canonicalize({ eventId, streamId, streamVersion, type, schemaVersion, data, occurredAt, recordedAt, actor, sourceSystem, correlationId, causationId })!;
}

const sample: HashableEvent = {
  eventId: 'e-1',
  streamId: 'partnership-p-1',
  streamVersion: 1,
  type: 'AgreementSigned',
  schemaVersion: 1,
  data: { teamId: 'sales', agreementVersion: 1, signatory: 'Zoë "Z" Ångström\n' },
  occurredAt: '2025-03-01T09:00:00.000Z',
  recordedAt: '2025-03-01T09:00:01.000Z',
  actor: 'svc-crm',
  sourceSystem: 'crm',
  correlationId: 'c-1',
  causationId: null,
};

describe('event hash chain', () => {
  it('gives every event the RFC 8785 canonical form of its committed fields', () => {
    fc.assert(fc.property(anyEvent, (event) => expect(canonicalEventForm(event)).toBe(referenceForm(event))));
  });

  it('hashes the previous hash, a newline and the canonical form with SHA-256', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), anyEvent, (prevHash, event) => {
        expect(computeEventHash(prevHash, event)).toBe(referenceHash(prevHash, event));
      }),
    );
  });

  it('serialises an envelope that breaks its declared types exactly as RFC 8785 would', () => {
    const untyped = { ...sample, causationId: undefined, streamVersion: '1' } as unknown as HashableEvent;
    expect(canonicalEventForm(untyped)).toBe(referenceForm(untyped));
    expect(canonicalEventForm(untyped)).not.toContain('causationId');
  });

  it('does not depend on the order of keys inside the data', () => {
    const reordered = { ...sample, data: { signatory: 'Zoë "Z" Ångström\n', agreementVersion: 1, teamId: 'sales' } };
    expect(computeEventHash(GENESIS_HASH, reordered)).toBe(computeEventHash(GENESIS_HASH, sample));
  });

  it('changes when the previous hash or any committed field changes', () => {
    const original = computeEventHash(GENESIS_HASH, sample);
    expect(computeEventHash('1'.repeat(64), sample)).not.toBe(original);
    for (const change of [{ streamVersion: 2 }, { actor: 'svc-other' }, { causationId: 'c-0' }, { data: { teamId: 'it' } }]) {
      expect(computeEventHash(GENESIS_HASH, { ...sample, ...change })).not.toBe(original);
    }
  });

  it('refuses a number that has no JSON form', () => {
    expect(() => computeEventHash(GENESIS_HASH, { ...sample, data: { value: Number.NaN } })).toThrow();
  });
});
