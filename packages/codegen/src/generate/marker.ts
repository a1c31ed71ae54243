/**
 * How a generated package says it is one: a field of its `package.json` that the manifest
 * emitter writes and `writePackage` looks for before it overwrites a directory. One constant
 * for both sides, instead of a phrase of the description that one side happened to write.
 */

/** The `package.json` field of a generated package: `"cookie-schema": { "generated": … }`. */
export const GENERATED_FIELD = 'cookie-schema';

/** The value of {@link GENERATED_FIELD}: the schema the package was generated from. */
export interface GeneratedMarker {
  /** The schema file, as given to `generate`. */
  generated: string;
}

export function generatedMarker(schemaFile: string): GeneratedMarker {
  return { generated: schemaFile };
}

/** Whether `manifest` (the text of a `package.json`) is a generated package's. Never throws. */
export function isGeneratedManifest(manifest: string | undefined): boolean {
  if (manifest === undefined) return false;
  try {
    const json: unknown = JSON.parse(manifest);
    if (typeof json !== 'object' || json === null || !Object.hasOwn(json, GENERATED_FIELD)) {
      return false;
    }
    const marker = (json as Record<string, unknown>)[GENERATED_FIELD];
    return (
      typeof marker === 'object' &&
      marker !== null &&
      typeof (marker as Partial<GeneratedMarker>).generated === 'string'
    );
  } catch {
    return false;
  }
}
