import { AuditError } from '../audit-error';
import { assertReplayTopic, REPLAY_TOPIC_PATTERN } from './replay-topic';

describe('the topics history may be replayed onto', () => {
  it.each(['alignment.ledger.replays.2025-03', 'alignment.ledger.replays.crm_rebuild.v2'])('include %s', (topic) => {
    expect(() => assertReplayTopic(topic)).not.toThrow();
  });

  it.each([
    ['the ledger topic itself', 'alignment.ledger.events.v1'],
    ['another prefix', 'audit.replay.2025-03'],
    ['the prefix alone', 'alignment.ledger.replays.'],
    ['a look-alike prefix', 'alignmentXledgerXreplays.2025'],
    ['a character Kafka refuses', 'alignment.ledger.replays.march/2025'],
    ['a name longer than Kafka allows', `alignment.ledger.replays.${'x'.repeat(230)}`],
  ])('exclude %s, with a code and a sentence naming the field', (_case, topic) => {
    expect(REPLAY_TOPIC_PATTERN.test(topic)).toBe(false);
    expect(() => assertReplayTopic(topic, '--to-topic')).toThrow(
      expect.objectContaining({ constructor: AuditError, code: 'audit.replay-topic-not-allowed', field: '--to-topic', message: expect.stringContaining('alignment.ledger.replays.') }),
    );
  });
});
