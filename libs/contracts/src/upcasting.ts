/**
 * Old events are upcast on read, never rewritten: the stored row stays exactly as it
 * was signed into the hash chain, and readers see the current schema version.
 *
 * To change an event's shape: bump its version in `EVENT_SCHEMA_VERSIONS` and add an
 * upcaster here from the previous version. No event type has needed one yet.
 */
import { EVENT_SCHEMA_VERSIONS, isPartnershipEventType } from './events';

type Upcaster = (data: unknown) => unknown;

/** Keyed by `<type>@<fromVersion>`; each step raises the version by one. */
const UPCASTERS: Readonly<Record<string, Upcaster>> = {};

export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
}

export function upcast<E extends VersionedEvent>(event: E): E {
  if (!isPartnershipEventType(event.type)) return event;
  const target = EVENT_SCHEMA_VERSIONS[event.type];
  let { schemaVersion, data } = event;
  while (schemaVersion < target) {
    const step = UPCASTERS[`${event.type}@${schemaVersion}`];
    if (!step) throw new Error(`No upcaster for ${event.type} from schema version ${schemaVersion} to ${target}.`);
    data = step(data);
    schemaVersion += 1;
  }
  return schemaVersion === event.schemaVersion ? event : { ...event, schemaVersion, data };
}
