/**
 * docker-compose.yml describes the same stack as the local bootstrap. These checks keep
 * it true as services change: every deployable has a compose service, every variable it
 * sets is one the service reads, its port is the one it listens on and publishes, and
 * it reaches Postgres and Kafka by their compose names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LedgerConfig, LEDGER_ENVIRONMENT } from '../../apps/ledger/src/ledger.config';
import { RelayConfig, RELAY_ENVIRONMENT } from '../../apps/outbox-relay/src/relay.config';

const ROOT = join(__dirname, '..', '..');
/** Read by the runtime rather than a service's config class. */
const RUNTIME_VARIABLES = ['HOST', 'LOG_LEVEL', 'NODE_ENV'];
/** Apps that are tools, not long-running services. */
const NOT_SERVICES = ['cli'];

const SERVICES: Record<string, { environment: Record<string, string>; defaultPort: number }> = {
  ledger: { environment: LEDGER_ENVIRONMENT, defaultPort: new LedgerConfig().port },
  'outbox-relay': { environment: RELAY_ENVIRONMENT, defaultPort: new RelayConfig().port },
};

interface ComposeService {
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, unknown>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('has a service for every deployable app, and the test knows each one', () => {
    const apps = readdirSync(join(ROOT, 'apps')).filter((name) => !NOT_SERVICES.includes(name)).sort();
    expect(Object.keys(SERVICES).sort()).toEqual(apps);
    for (const app of apps) expect(compose.services[app]).toBeDefined();
  });

  describe.each(Object.entries(SERVICES))('service %s', (name, { environment, defaultPort }) => {
    const service = compose.services[name] as ComposeService;
    const variables = service.environment ?? {};

    it('runs the built entry point of its app', () => {
      expect(service.command).toEqual(['node', `dist/apps/${name}/src/main.js`]);
    });

    it('sets only variables the service reads', () => {
      const known = [...Object.values(environment), ...RUNTIME_VARIABLES];
      expect(Object.keys(variables).filter((variable) => !known.includes(variable))).toEqual([]);
    });

    it('listens on its default port and publishes that same port', () => {
      expect(Number(variables.PORT)).toBe(defaultPort);
      expect(service.ports).toEqual([`${defaultPort}:${defaultPort}`]);
    });

    it('reaches Postgres and Kafka by their compose service names, after they are healthy', () => {
      const advertisedKafka = String(compose.services.kafka?.environment?.KAFKA_ADVERTISED_LISTENERS).replace('PLAINTEXT://', '');
      expect(new URL(String(variables.DATABASE_URL)).host).toBe('postgres:5432');
      expect(String(variables.KAFKA_BROKERS)).toBe(advertisedKafka);
      expect(Object.keys(service.depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'kafka']));
    });
  });

  it('gives each service its own published port', () => {
    const published = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(new Set(published).size).toBe(published.length);
  });
});
