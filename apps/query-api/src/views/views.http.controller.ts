/**
 * The BI views over HTTP: the catalogue, any view listed with filters, sorting and
 * cursor pages (JSON, or streamed CSV), and one row by its key.
 */
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { BI_VIEWS, BiQueryError, BiReader, findBiView, jsonRow, viewSource, type BiView } from '@ledger/bi';
import type { Request, Response } from 'express';
import { describeView } from '../http/catalogue-descriptions';
import { queryParametersOf, respondWithList } from '../http/list-response';
import { answering } from '../http/query-problems';
import { ApiListOperation } from '../openapi/list-operation.decorator';
import { ProblemSchema, RowSchema, ViewDescriptionSchema } from '../openapi/schemas';

const VIEW_PARAMETER = { name: 'view', enum: BI_VIEWS.map((view) => view.name), description: 'A view of schema bi (GET /views lists them).' };

@ApiTags('views')
@RequiresPermission('read-views')
@Controller('views')
export class ViewsHttpController {
  constructor(private readonly reader: BiReader) {}

  @Get()
  @ApiOperation({ operationId: 'listViews', summary: 'Lists the BI views: grain, key and columns (with the filters each takes).' })
  @ApiOkResponse({ type: [ViewDescriptionSchema] })
  views(): ViewDescriptionSchema[] {
    return BI_VIEWS.map(describeView);
  }

  @Get(':view')
  @ApiOperation({ operationId: 'queryView', summary: 'Lists the rows of a view: filtered, sorted, a page at a time (JSON) or all of them (CSV).' })
  @ApiParam(VIEW_PARAMETER)
  @ApiListOperation()
  rows(@Param('view') name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return respondWithList({ reader: this.reader, request, response, source: () => viewSource(viewNamed(name)), routeParameters: [] });
  }

  @Get(':view/:id')
  @ApiOperation({ operationId: 'getViewRow', summary: "One row of a view by its key (the view's *_key column, e.g. mkt-sales~mql-volume~2025-02)." })
  @ApiParam(VIEW_PARAMETER)
  @ApiParam({ name: 'id', description: "The row's key: its key parts joined by ~ (GET /views shows each view's parts)." })
  @ApiOkResponse({ type: RowSchema })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such view, or no row with that key.' })
  row(@Param('view') name: string, @Param('id') id: string, @Req() request: Request): Promise<RowSchema> {
    return answering(async () => {
      const view = viewNamed(name);
      const [unexpected] = queryParametersOf(request).keys();
      if (unexpected !== undefined) throw new BiQueryError('query.unknown-parameter', `A row by key takes no query parameters; got "${unexpected}".`, unexpected);
      return { data: jsonRow(view.columns, await this.reader.find(view, id)) };
    });
  }
}

function viewNamed(name: string): BiView {
  const view = findBiView(name);
  if (!view) throw new BiQueryError('query.unknown-view', `There is no view "${name}"; GET /views lists them.`);
  return view;
}
