/**
 * `berth/imports`: what the code `berth import` generates calls at run time. Each generated class checks its
 * objects against the schema it was generated from (`imports/<name>.schema.json`) when the app synthesizes.
 */
export { addSchemaRule } from './lib/import/check/rule';
export type { SchemaChecked } from './lib/import/check/rule';
export { validateObject } from './lib/import/check/validate';
export type { Dialect, SchemaSet, Violation } from './lib/import/check/validate';
