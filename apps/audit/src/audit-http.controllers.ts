/**
 * The audit's HTTP surface, kept apart from the infrastructure so the OpenAPI document
 * can be built without a database.
 */
import { AsOfHttpController } from './http/as-of.http.controller';
import { ExportHttpController } from './http/export.http.controller';
import { HistoryHttpController } from './http/history.http.controller';
import { ReplaysHttpController } from './http/replays.http.controller';
import { SealsHttpController } from './http/seals.http.controller';
import { VerificationsHttpController } from './http/verifications.http.controller';

export const AUDIT_HTTP_CONTROLLERS = [
  HistoryHttpController,
  AsOfHttpController,
  SealsHttpController,
  VerificationsHttpController,
  ExportHttpController,
  ReplaysHttpController,
];
