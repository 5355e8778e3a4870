/** The ownership projector's configuration: the shared projector settings, with its own port and consumer group. */
import { ownershipProjection, OWNERSHIP_SCHEMA, PROJECTOR_ENVIRONMENT, ProjectorConfig, type ProjectedView } from '@ledger/projections';
import { biAfterSwitchHook } from '@ledger/bi';
import { loadConfig } from '@ledger/platform';

export class OwnershipProjectorConfig extends ProjectorConfig {
  port = 3002;
  projectorGroup = 'ownership-projector';
}

export const OWNERSHIP_PROJECTOR_ENVIRONMENT = PROJECTOR_ENVIRONMENT;

/** The projection this service feeds; a view in another schema over its tables registers its `afterSwitch` hook here. */
export const OWNERSHIP_VIEW: ProjectedView = {
  name: 'ownership-projector',
  liveSchema: OWNERSHIP_SCHEMA,
  projectionIn: ownershipProjection,
  // The BI views read this projection's tables: recreate them in the switching transaction.
  afterSwitch: [biAfterSwitchHook],
};

export function loadOwnershipProjectorConfig(env: NodeJS.ProcessEnv = process.env): OwnershipProjectorConfig {
  return loadConfig(OwnershipProjectorConfig, OWNERSHIP_PROJECTOR_ENVIRONMENT, env);
}
