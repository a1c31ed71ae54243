/**
 * The formats of `cookie-schema export`: each renders a normalized schema to text, purely.
 */
import type { NormalizedSchema } from '../schema/types';
import { type ExportOptions, exportOpenCookieDatabaseCsv } from './open-cookie-database-csv';
import { exportVanillaCookieConsent } from './vanilla-cookieconsent';

export type { ExportOptions } from './open-cookie-database-csv';

/** One export format. */
export interface Exporter {
  /** One line for `cookie-schema export --help`. */
  description: string;
  /** The usual file extension of the output, without the dot. */
  extension: string;
  render(schema: NormalizedSchema, options?: ExportOptions): string;
}

/** The export formats by name (the value of `--to`). */
export const exporters: Readonly<Record<string, Exporter>> = {
  'vanilla-cookieconsent': {
    description: 'vanilla-cookieconsent v3 configuration, as an ES module (families become RegExp)',
    extension: 'mjs',
    render: exportVanillaCookieConsent,
  },
  csv: {
    description: "CSV in the Open Cookie Database's columns",
    extension: 'csv',
    render: exportOpenCookieDatabaseCsv,
  },
};
