/**
 * Answers a list query in the format the client asked for: JSON pages by default
 * (`{ data, nextCursor }`), CSV when `format=csv` or when `Accept` prefers `text/csv`.
 * CSV is streamed batch by batch from a server-side cursor, waiting whenever the client
 * reads slower than the database, so an export of any size holds one batch in memory.
 */
import { BiQueryError, csvFields, csvRecord, jsonRow, parseListQuery, type BiReader, type ListQuery, type QuerySource, type ResponseFormat } from '@ledger/bi';
import type { Request, Response } from 'express';
import { answering, asProblem } from './query-problems';

const MEDIA_TYPES: Record<ResponseFormat, string> = { json: 'application/json', csv: 'text/csv' };

/** The URL's query parameters, read from the raw URL: whatever query parser Express runs with. */
export function queryParametersOf(request: Request): URLSearchParams {
  return new URL(request.originalUrl, 'http://query-api.invalid').searchParams;
}

export function negotiateFormat(request: Request, parameters: URLSearchParams): ResponseFormat {
  const asked = parameters.get('format');
  if (asked !== null) {
    if (asked === 'json' || asked === 'csv') return asked;
    throw new BiQueryError('query.invalid-format', `format must be json or csv; got "${asked}".`, 'format');
  }
  const accepted = request.accepts(Object.values(MEDIA_TYPES));
  if (accepted === false) {
    throw new BiQueryError('query.not-acceptable', `This resource is available as ${Object.values(MEDIA_TYPES).join(' or ')}.`, 'Accept');
  }
  return accepted === MEDIA_TYPES.csv ? 'csv' : 'json';
}

export interface ListRequest {
  readonly reader: BiReader;
  readonly request: Request;
  readonly response: Response;
  /** Builds the source from the URL's parameters (an aggregate reads `per`). */
  readonly source: (parameters: URLSearchParams) => QuerySource;
  /** Parameters the route reads besides filters, sort, cursor and limit. */
  readonly routeParameters: readonly string[];
}

export async function respondWithList({ reader, request, response, source: sourceOf, routeParameters }: ListRequest): Promise<void> {
  const { source, query, format } = await answering(async () => {
    const parameters = queryParametersOf(request);
    const format = negotiateFormat(request, parameters);
    const source = sourceOf(parameters);
    return { source, format, query: parseListQuery(source, parameters, { format, routeParameters: ['format', ...routeParameters] }) };
  });
  if (format === 'csv') return streamCsv(reader, source, query, response);
  const page = await answering(() => reader.page(source, query));
  response.json({ data: page.rows.map((row) => jsonRow(source.columns, row)), nextCursor: page.nextCursor });
}

async function streamCsv(reader: BiReader, source: QuerySource, query: ListQuery, response: Response): Promise<void> {
  const header = csvRecord(source.columns.map((column) => column.name));
  let headerSent = false;
  let clientGone = false;
  response.on('close', () => {
    clientGone = !response.writableFinished;
  });
  response.status(200);
  response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  response.setHeader('Content-Disposition', `attachment; filename="${source.name}.csv"`);
  const send = async (chunk: string) => {
    if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
  };
  try {
    await reader.export(source, query, async (rows) => {
      if (clientGone) return false;
      // The header goes out with the first rows, so a query that fails at once still answers with a problem.
      await send(`${headerSent ? '' : header}${rows.map((row) => csvRecord(csvFields(source.columns, row))).join('')}`);
      headerSent = true;
      return !clientGone;
    });
  } catch (error) {
    if (!response.headersSent) throw asProblem(error);
    // Half an export must not pass for a whole one: break the connection instead of ending it.
    response.destroy(error as Error);
    throw error;
  }
  if (!headerSent) response.write(header);
  response.end();
}
