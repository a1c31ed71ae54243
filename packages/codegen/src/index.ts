/**
 * @cookie-schema/codegen — the schema model, its validation, the generator, the policy
 * renderers, diff, export, scan and audit.
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
export type { ScanInputFile, ScanOptions, ScanResult } from './scan/types';
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

import type { ScanInputFile, ScanOptions, ScanResult } from './scan/types';
import type { NormalizedSchema } from './schema/types';

/**
 * Scans TypeScript and JavaScript files for raw cookie APIs (see `cookie-schema scan`). Async
 * because the scanner, which needs the TypeScript compiler, is loaded on first use: importing
 * this package to generate (the CLI, the build plugin) does not load it.
 */
export async function scanFiles(
  files: readonly ScanInputFile[],
  schema: NormalizedSchema,
  options?: ScanOptions,
): Promise<ScanResult> {
  const { scanFiles: scan } = await import('./scan/scan');
  return scan(files, schema, options);
}
