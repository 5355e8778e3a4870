/**
 * The ledger's HTTP surface: command routes per rule of engagement, the transport-
 * neutral submission routes, the read routes and the admin API of service accounts. Kept apart from the infrastructure
 * so the OpenAPI document can be built without a database or a broker.
 */
import { ServiceAccountsHttpController } from './admin/service-accounts.http.controller';
import { AgreementHttpController } from './commands/http/agreement.http.controller';
import { AssetsAndSlasHttpController } from './commands/http/assets-and-slas.http.controller';
import { ContributionsHttpController } from './commands/http/contributions.http.controller';
import { DecisionsHttpController } from './commands/http/decisions.http.controller';
import { PerformanceHttpController } from './commands/http/performance.http.controller';
import { SubmissionsHttpController } from './commands/http/submissions.http.controller';
import { PartnershipsHttpController } from './queries/partnerships.http.controller';

export const LEDGER_HTTP_CONTROLLERS = [
  AgreementHttpController,
  ContributionsHttpController,
  PerformanceHttpController,
  DecisionsHttpController,
  AssetsAndSlasHttpController,
  SubmissionsHttpController,
  PartnershipsHttpController,
  ServiceAccountsHttpController,
];
