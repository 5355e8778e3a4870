import { IsBoolean, IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ConfigurationError, loadConfig } from './load-config';

class ExampleConfig {
  @IsInt() @Min(1) @Max(65535) port = 3000;
  @IsString() @MinLength(1) databaseUrl = 'postgres://localhost/db';
  @IsBoolean() ingestEnabled = true;
  @IsString({ each: true }) brokers = ['127.0.0.1:9092'];
}

const variables = { port: 'PORT', databaseUrl: 'DATABASE_URL', ingestEnabled: 'INGEST_ENABLED', brokers: 'KAFKA_BROKERS' };

describe('loadConfig', () => {
  it('uses the defaults when the environment sets nothing', () => {
    const config = loadConfig(ExampleConfig, variables, {});
    expect(config).toMatchObject({ port: 3000, databaseUrl: 'postgres://localhost/db', ingestEnabled: true });
  });

  it('reads each property from its variable, typed like its default', () => {
    const config = loadConfig(ExampleConfig, variables, {
      PORT: '8080',
      INGEST_ENABLED: 'false',
      KAFKA_BROKERS: 'a:1, b:2',
    });
    expect(config.port).toBe(8080);
    expect(config.ingestEnabled).toBe(false);
    expect(config.brokers).toEqual(['a:1', 'b:2']);
  });

  it('refuses a bad value with one sentence naming the variable', () => {
    expect(() => loadConfig(ExampleConfig, variables, { PORT: 'eighty' })).toThrow(ConfigurationError);
    expect(() => loadConfig(ExampleConfig, variables, { PORT: '70000' })).toThrow(/PORT="?70000"?/);
    expect(() => loadConfig(ExampleConfig, variables, { INGEST_ENABLED: 'maybe' })).toThrow(/INGEST_ENABLED/);
  });
});
