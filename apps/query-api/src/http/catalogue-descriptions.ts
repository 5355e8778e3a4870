/** The view and aggregate catalogues as the API lists them: names, grains, keys, columns and the filters each column takes. */
import { FILTER_OPERATORS, type BiAggregate, type BiView, type SourceColumn } from '@ledger/bi';
import type { AggregateDescriptionSchema, ColumnDescriptionSchema, OutputColumnSchema, ViewDescriptionSchema } from '../openapi/schemas';

function describeOutput({ name, type, nullable, description }: SourceColumn): OutputColumnSchema {
  return { name, type, nullable, description };
}

export function describeColumn(column: SourceColumn): ColumnDescriptionSchema {
  const { type } = column;
  const operators = Object.entries(FILTER_OPERATORS)
    .filter(([, operator]) => (operator.types as readonly string[]).includes(type))
    .map(([operator]) => operator);
  return { ...describeOutput(column), operators };
}

export function describeView(view: BiView): ViewDescriptionSchema {
  return {
    name: view.name,
    kind: view.kind,
    grain: view.grain,
    description: view.description,
    key: view.key.column,
    keyParts: [...view.key.parts],
    columns: view.columns.map(describeColumn),
  };
}

export function describeAggregate(aggregate: BiAggregate): AggregateDescriptionSchema {
  return {
    name: aggregate.name,
    description: aggregate.description,
    fact: aggregate.fact.name,
    dimensions: aggregate.dimensions.map(describeOutput),
    measures: aggregate.measures.map(describeOutput),
  };
}
