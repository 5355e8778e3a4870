/**
 * The query API's HTTP surface, kept apart from its infrastructure so the OpenAPI
 * document can be built without a database.
 */
import { AggregatesHttpController } from './aggregates/aggregates.http.controller';
import { ViewsHttpController } from './views/views.http.controller';

export const QUERY_API_HTTP_CONTROLLERS = [ViewsHttpController, AggregatesHttpController];
