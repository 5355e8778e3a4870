/**
 * Typed configuration from the environment, validated once at start-up.
 *
 * A service declares a class with class-validator rules and defaults that run
 * locally, plus the environment variable behind each property. A bad value stops the
 * service with one sentence naming the variable, instead of failing later somewhere.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export type EnvironmentNames<T> = { [K in keyof T]?: string };

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export function loadConfig<T extends object>(
  schema: new () => T,
  variables: EnvironmentNames<T>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new schema();
  const raw: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [property, variable] of Object.entries(variables) as [string, string][]) {
    const value = env[variable];
    if (value !== undefined && value !== '') raw[property] = coerce(value, (defaults as Record<string, unknown>)[property]);
  }
  const config = plainToInstance(schema, raw);
  const [first] = validateSync(config, { forbidUnknownValues: true });
  if (first) {
    const variable = (variables as Record<string, string>)[first.property] ?? first.property;
    const reason = Object.values(first.constraints ?? {}).join('; ');
    throw new ConfigurationError(`Invalid configuration ${variable}=${JSON.stringify(first.value)}: ${reason}.`);
  }
  return config;
}

/** Environment values are strings; give them the type of the property's default. */
function coerce(value: string, defaultValue: unknown): unknown {
  if (typeof defaultValue === 'number') return value.trim() === '' ? Number.NaN : Number(value);
  if (typeof defaultValue === 'boolean') return parseBoolean(value);
  if (Array.isArray(defaultValue)) return value.split(',').map((item) => item.trim()).filter(Boolean);
  return value;
}

function parseBoolean(value: string): boolean | string {
  const normalised = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(normalised)) return true;
  if (['0', 'false', 'no', 'off'].includes(normalised)) return false;
  return value;
}
