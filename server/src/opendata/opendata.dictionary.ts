// The data dictionary: each data set's columns (name and type from opendata.schemas.ts, meaning from
// the public site's dictionary in the visitor's language), shown on the page and written into downloads.
import type { Speech } from '../public/public.messages.ts';
import { openDataWords } from './opendata.messages.ts';
import {
  BODY_COLUMNS,
  type Column,
  type ColumnType,
  type DataSetHead,
  DataSetName,
  DIRECTIVE_COLUMNS,
  TASK_COLUMNS,
} from './opendata.schemas.ts';

export const DATA_SETS = DataSetName.options;

function columnsOf(s: Speech, set: DataSetName): Column[] {
  const meanings = openDataWords(s.lang).columns;
  const [types, meaning]: [Record<string, ColumnType>, Record<string, string>] =
    set === 'tasks'
      ? [TASK_COLUMNS, meanings.tasks]
      : set === 'directives'
        ? [DIRECTIVE_COLUMNS, meanings.directives]
        : [BODY_COLUMNS, meanings.bodies];
  return Object.entries(types).map(([name, type]) => ({ name, type, meaning: meaning[name]! }));
}

export function dataSetHead(s: Speech, set: DataSetName, asOf: string): DataSetHead {
  return {
    name: set,
    title: openDataWords(s.lang).sets[set].title,
    asOf,
    licence: openDataWords(s.lang).licence,
    columns: columnsOf(s, set),
  };
}
