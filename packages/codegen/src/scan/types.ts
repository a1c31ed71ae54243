/** Types shared by the static scan (`cookie-schema scan`): raw cookie uses and findings. */
import type { Severity } from '../schema/diagnostics';

/** What a raw use does with the cookie. */
export type CookieAccess = 'write' | 'read' | 'delete';

/**
 * The cookie name(s) of a raw use, as far as the compiler can tell:
 * - `names`: resolved statically (several for a union of literal types, `'a' | 'b'`);
 * - `unresolved`: there is a name, but it is computed at run time (`why` says what was seen);
 * - `none`: the API has no name at all (a `document.cookie` read, `cookieStore.getAll()`).
 */
export type CookieNameResolution =
  | { kind: 'names'; names: readonly string[] }
  | { kind: 'unresolved'; why: string }
  | { kind: 'none' };

/** One raw cookie API call or assignment found in a source file. */
export interface RawCookieUse {
  /** The file as given to the scan. */
  file: string;
  /** 1-based position of the start of the call or assignment. */
  line: number;
  column: number;
  /** The API as users write it, for messages: `document.cookie`, `res.cookie`, `Cookies.set`… */
  api: string;
  access: CookieAccess;
  name: CookieNameResolution;
}

/** Stable codes of scan findings. */
export type ScanCode = 'undeclared-cookie' | 'unresolved-cookie-name' | 'raw-cookie-api';

/** One finding of the scan, printed as `file:line:col message (severity code)`. */
export interface ScanFinding {
  severity: Severity;
  code: ScanCode;
  file: string;
  line: number;
  column: number;
  api: string;
  access: CookieAccess;
  /** The cookie name the finding is about, when known. */
  cookie?: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** Options of {@link scanFiles}. */
export interface ScanOptions {
  /**
   * Report every raw use, declared names included, as an error (and nameless reads, and
   * unresolvable names as errors rather than warnings): the code should use the generated
   * accessors only. Default `false`.
   */
  strict?: boolean;
  /** The schema file name used in messages (default: the schema's own `file`). */
  schemaLabel?: string;
}

/** A source file to scan: its path (as shown in findings) and its text. */
export interface ScanInputFile {
  path: string;
  text: string;
}

/** What {@link scanFiles} returns. */
export interface ScanResult {
  /** Every raw use found, in file then position order (what `--json` prints as `uses`). */
  uses: RawCookieUse[];
  /** Findings in file then position order. */
  findings: ScanFinding[];
}
