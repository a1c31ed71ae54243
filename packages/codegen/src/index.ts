/**
 * @cookie-schema/codegen — the schema model, its validation and (soon) the generator.
 * Import what you need from code; the `cookie-schema` CLI is the usual entry point.
 */

export { auditTraffic } from './audit/audit';
export { diffSchemas, type SchemaDiff } from './diff/diff';
export { emitPackage, type GenerateOptions } from './generate/index';
export {
  type GenerateFilesResult,
  type GenerateTarget,
  generateFiles,
  regenerateCommand,
} from './generate/run';
export { checkPackage, type WriteResult, writePackage } from './generate/write';
export { type PolicyData, policyData } from './policy/data';
export { renderPolicyHtml } from './policy/render-html';
export { renderPolicyMarkdown } from './policy/render-markdown';
export { scanFiles } from './scan/scan';
export { type Diagnostic, formatDiagnostic, type Severity } from './schema/diagnostics';
export { describeDuration, parseDuration } from './schema/duration';
export { cookieSchemaJsonSchema } from './schema/json-schema';
export { loadSchema, parseSchema, type SchemaResult } from './schema/load';
export {
  type CategoryInput,
  type CookieInput,
  CookieSchemaFile,
  type CookieSchemaInput,
  type JsonValueSchema,
  type ValueTypeInput,
} from './schema/model';
export type {
  Localized,
  NormalizedCategory,
  NormalizedCookie,
  NormalizedPolicy,
  NormalizedSchema,
  NormalizedValueType,
} from './schema/types';
