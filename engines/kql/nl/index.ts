export type { Direction, HashKind, NlEntities } from './entities.ts';
export { kqlString } from './quote.ts';
export type { LoginOutcome, NlAggregation, NlProcessFilter, Protocol } from './subject.ts';
export type { NlTimeConstraint } from './time.ts';
export { tokenize } from './tokens.ts';
export { type NlFilters, type NlIntent, type NlTranslation, type NlUnderstanding, type TranslateOptions, translateQuestion } from './translate.ts';
export type { NlTable, SeverityWord } from './vocabulary.ts';
