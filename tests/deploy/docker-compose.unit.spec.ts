/**
 * docker-compose.yml describes the same stack as the local bootstrap. These checks keep
 * it true as services change: every deployable has a compose service, every variable it
 * sets is one the service reads, its port is the one it listens on and publishes, it
 * reaches Postgres and Kafka by their compose names, and it connects to Kafka as its own
 * principal, whose SCRAM credentials the broker creates, with a password kept out of the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AUTH_ENVIRONMENT } from '@ledger/auth';
import { KAFKA_ENVIRONMENT } from '@ledger/messaging';
import { LedgerConfig, LEDGER_ENVIRONMENT } from '../../apps/ledger/src/ledger.config';
import { OwnershipProjectorConfig, OWNERSHIP_PROJECTOR_ENVIRONMENT } from '../../apps/ownership-projector/src/ownership-projector.config';
import { RelayConfig, RELAY_ENVIRONMENT } from '../../apps/outbox-relay/src/relay.config';
import { AuditConfig, AUDIT_ENVIRONMENT } from '../../apps/audit/src/audit.config';
import { ReportingProjectorConfig, REPORTING_PROJECTOR_ENVIRONMENT } from '../../apps/reporting-projector/src/reporting-projector.config';
import { QueryApiConfig, QUERY_API_ENVIRONMENT } from '../../apps/query-api/src/query-api.config';

const ROOT = join(__dirname, '..', '..');
/** The node options each service is started with, wherever it runs (see deploy/service-node-options.json). */
const NODE_OPTIONS = JSON.parse(readFileSync(join(ROOT, 'deploy', 'service-node-options.json'), 'utf8')) as Record<string, string[]>;
/** Read by the runtime, or by every service through the shared libraries (Kafka client, authentication). */
const RUNTIME_VARIABLES = ['HOST', 'LOG_LEVEL', 'NODE_ENV', ...Object.values(KAFKA_ENVIRONMENT), ...Object.values(AUTH_ENVIRONMENT)];
/** Apps that are tools, not long-running services. */
const NOT_SERVICES = ['cli'];

/** `kafka: false` for a service that never talks to Kafka (it reads Postgres only). */
const SERVICES: Record<string, { environment: Record<string, string>; defaultPort: number; kafka?: false }> = {
  ledger: { environment: LEDGER_ENVIRONMENT, defaultPort: new LedgerConfig().port },
  'outbox-relay': { environment: RELAY_ENVIRONMENT, defaultPort: new RelayConfig().port },
  audit: { environment: AUDIT_ENVIRONMENT, defaultPort: new AuditConfig().port },
  'ownership-projector': { environment: OWNERSHIP_PROJECTOR_ENVIRONMENT, defaultPort: new OwnershipProjectorConfig().port },
  'reporting-projector': { environment: REPORTING_PROJECTOR_ENVIRONMENT, defaultPort: new ReportingProjectorConfig().port },
  'query-api': { environment: QUERY_API_ENVIRONMENT, defaultPort: new QueryApiConfig().port, kafka: false },
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
  it('names only deployable apps in the services\u2019 node options', () => {
    expect(Object.keys(NODE_OPTIONS).filter((app) => !(app in SERVICES))).toEqual([]);
  });

  it('has a service for every deployable app, and the test knows each one', () => {
    const apps = readdirSync(join(ROOT, 'apps')).filter((name) => !NOT_SERVICES.includes(name)).sort();
    expect(Object.keys(SERVICES).sort()).toEqual(apps);
    for (const app of apps) expect(compose.services[app]).toBeDefined();
  });

  describe.each(Object.entries(SERVICES))('service %s', (name, { environment, defaultPort, kafka = true }) => {
    const service = compose.services[name] as ComposeService;
    const variables = service.environment ?? {};

    it('runs the built entry point of its app, with the node options it is deployed with', () => {
      expect(service.command).toEqual(['node', ...(NODE_OPTIONS[name] ?? []), `dist/apps/${name}/src/main.js`]);
    });

    it('sets only variables the service reads', () => {
      const known = [...Object.values(environment), ...RUNTIME_VARIABLES];
      expect(Object.keys(variables).filter((variable) => !known.includes(variable))).toEqual([]);
    });

    it('listens on its default port and publishes that same port', () => {
      expect(Number(variables.PORT)).toBe(defaultPort);
      expect(service.ports).toEqual([`${defaultPort}:${defaultPort}`]);
    });

    if (!kafka) {
      it('reaches Postgres by its compose service name, after it is healthy, and nothing of Kafka', () => {
        expect(new URL(String(variables.DATABASE_URL)).host).toBe('postgres:5432');
        expect(Object.keys(service.depends_on ?? {})).toEqual(['postgres']);
        expect(Object.keys(variables).filter((variable) => variable.startsWith('KAFKA_'))).toEqual([]);
      });
      return;
    }

    it('reaches Postgres and Kafka by their compose service names, after they are healthy', () => {
      const advertisedKafka = String(compose.services.kafka?.environment?.KAFKA_ADVERTISED_LISTENERS).replace(/^[A-Z_]+:\/\//, '');
      expect(new URL(String(variables.DATABASE_URL)).host).toBe('postgres:5432');
      expect(String(variables.KAFKA_BROKERS)).toBe(advertisedKafka);
      expect(Object.keys(service.depends_on ?? {})).toEqual(expect.arrayContaining(['postgres', 'kafka', 'kafka-access']));
    });

    it('connects to Kafka as its own principal, created with the broker, its password taken from .env', () => {
      const passwordVariable = `KAFKA_${name.toUpperCase().replace(/-/g, '_')}_PASSWORD`;
      expect(variables.KAFKA_SASL_USERNAME).toBe(name);
      expect(String(variables.KAFKA_SASL_PASSWORD)).toMatch(new RegExp(`^\\$\\{${passwordVariable}:\\?`));
      expect(String(compose.services.kafka?.environment?.SCRAM_PRINCIPALS).split(' ')).toContain(name);
    });
  });

  it('runs Kafka with SASL/SCRAM and denies what no ACL allows', () => {
    const kafka = compose.services.kafka?.environment ?? {};
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toMatch(/^SASL_PLAINTEXT:\/\//);
    expect(kafka.KAFKA_SASL_ENABLED_MECHANISMS).toBe('SCRAM-SHA-512');
    expect(kafka.KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND).toBe('false');
  });

  it('gives each service its own published port', () => {
    const published = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(new Set(published).size).toBe(published.length);
  });
});
