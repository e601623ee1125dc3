/**
 * The stub data view Kibana's KQL function tests run against (fields.mocks.ts, described in
 * ../shared/kql-reference/README.md "The test data view"), as a DataViewLookup. The scripts of the
 * scripted fields are placeholders: the facts only check that a script query is produced.
 */
import type { DataViewField, DataViewLookup } from '../src/kql/dsl/to-dsl.ts';

const FIELDS: Record<string, DataViewField> = {
  bytes: { type: 'number' },
  ssl: { type: 'boolean' },
  '@timestamp': { type: 'date' },
  extension: { type: 'string' },
  'machine.os': { type: 'string' },
  'machine.os.raw': { type: 'string' },
  'machine.os.keyword': { type: 'string', esTypes: ['keyword'] },
  'script number': { type: 'number', scripted: true, script: '1234', lang: 'expression' },
  'script date': { type: 'date', scripted: true, script: '1234', lang: 'painless' },
  'script string': { type: 'string', scripted: true, script: "'i am a string'", lang: 'painless' },
  'nestedField.child': { type: 'string', nestedPath: 'nestedField' },
  'nestedField.nestedChild.doublyNestedChild': { type: 'string', nestedPath: 'nestedField.nestedChild' },
};

export const stubDataView: DataViewLookup = {
  fields: () => Object.keys(FIELDS),
  field: (name) => FIELDS[name],
};

/** A data view with no fields (every field is unknown: names pass through). */
export const emptyDataView: DataViewLookup = { fields: () => [], field: () => undefined };
