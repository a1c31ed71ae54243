/** Located findings about a schema file. Library code returns them; the CLI prints them. */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier of the rule, e.g. `host-prefix-domain`. */
  code: string;
  /** The file as given to the loader. */
  file: string;
  /** 1-based line and column of the offending value or key. */
  line: number;
  column: number;
  /** JSON pointer (RFC 6901) of the offending value, e.g. `/cookies/sessionid/maxAge`. */
  pointer: string;
  /** What is wrong, what was expected, and how to fix it when the fix is known. */
  message: string;
}

/** `file:line:col /pointer: message` — the format editors and CI logs link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.pointer || '/'}: ${d.message}`;
}

/** Escapes one JSON pointer segment (RFC 6901 §3). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => `/${pointerSegment(s)}`).join('');
}
