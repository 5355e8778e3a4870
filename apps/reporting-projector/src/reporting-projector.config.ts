/** The reporting projector's configuration: the shared projector settings, with its own port and consumer group. */
import { reportingProjection, REPORTING_SCHEMA, PROJECTOR_ENVIRONMENT, ProjectorConfig, type ProjectedView } from '@ledger/projections';
import { biAfterSwitchHook } from '@ledger/bi';
import { loadConfig } from '@ledger/platform';

export class ReportingProjectorConfig extends ProjectorConfig {
  port = 3003;
  projectorGroup = 'reporting-projector';
}

export const REPORTING_PROJECTOR_ENVIRONMENT = PROJECTOR_ENVIRONMENT;

/** The projection this service feeds; a view in another schema over its tables registers its `afterSwitch` hook here. */
export const REPORTING_VIEW: ProjectedView = {
  name: 'reporting-projector',
  liveSchema: REPORTING_SCHEMA,
  projectionIn: reportingProjection,
  // The BI views read this projection's tables: recreate them in the switching transaction.
  afterSwitch: [biAfterSwitchHook],
};

export function loadReportingProjectorConfig(env: NodeJS.ProcessEnv = process.env): ReportingProjectorConfig {
  return loadConfig(ReportingProjectorConfig, REPORTING_PROJECTOR_ENVIRONMENT, env);
}
