import { parseDynamic } from './dynamic.ts';
import { parseExpr, parseList, parseNamedExpr } from './expressions.ts';
import { parseLetFunction } from './functions.ts';
import { grammar } from './grammar.ts';
import { parseJoin, parseLookup } from './join.ts';
import { parseExpandColumn, parseOperator, parseRender, parseSearchPredicate, parseUnionOptions, parseUnionTables, tableOnly } from './operators.ts';
import { parseMakeSeries, parseMvApply } from './series-apply.ts';
import {
  isOptionAhead,
  parseFunctionCall,
  parseOption,
  parseTabular,
  parseTypeName,
  parseWildcardRest,
  skipSearchOptions,
  unsupportedSource,
} from './sources.ts';
import { parseLet, parseQuery, startsTabular } from './statements.ts';

Object.assign(grammar, {
  isOptionAhead,
  parseDynamic,
  parseExpandColumn,
  parseExpr,
  parseFunctionCall,
  parseJoin,
  parseLet,
  parseLetFunction,
  parseList,
  parseLookup,
  parseMakeSeries,
  parseMvApply,
  parseNamedExpr,
  parseOperator,
  parseOption,
  parseRender,
  parseSearchPredicate,
  parseTabular,
  parseTypeName,
  parseUnionOptions,
  parseUnionTables,
  parseWildcardRest,
  skipSearchOptions,
  startsTabular,
  tableOnly,
  unsupportedSource,
} satisfies Record<keyof typeof grammar, unknown>);

/** The entry points, with every part of the grammar registered. */
export { parseExpr, parseQuery };
