/**
 * The one reporter every schema rule writes to: a located diagnostic per finding, with the line
 * and column of the value (or of its key) that the JSON pointer names.
 */
import { type Diagnostic, type Severity, toPointer } from '../diagnostics';
import type { LocatedJson, Position } from '../locate';

/** A path into the schema document, e.g. `['cookies', 'sessionid', 'maxAge']`. */
export type Path = (string | number)[];

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  readonly #file: string;
  readonly #json: LocatedJson;

  constructor(file: string, json: LocatedJson) {
    this.#file = file;
    this.#json = json;
  }

  /**
   * Reports at the value of `path`, or at its key when `key` (for names and misplaced keys), or
   * at `key` itself when it is a position (a repeated key, which a path cannot tell apart).
   */
  report(
    severity: Severity,
    code: string,
    path: Path,
    message: string,
    key: boolean | Position = false,
  ): void {
    const { line, column } = typeof key === 'object' ? key : this.#json.locate(path, key);
    this.diagnostics.push({
      severity,
      code,
      file: this.#file,
      line,
      column,
      pointer: toPointer(path),
      message,
    });
  }

  error(code: string, path: Path, message: string, key: boolean | Position = false): void {
    this.report('error', code, path, message, key);
  }

  warn(code: string, path: Path, message: string, key: boolean | Position = false): void {
    this.report('warning', code, path, message, key);
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
