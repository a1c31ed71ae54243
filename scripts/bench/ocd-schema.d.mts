// Types of scripts/bench/ocd-schema.mjs, for its test.

/** One entry of the Open Cookie Database's JSON, with the platform it is listed under. */
export interface OcdEntry {
  platform: string;
  id: string;
  category: string;
  cookie: string;
  domain: string;
  description: string;
  retentionPeriod: string;
  dataController: string;
  privacyLink: string;
  wildcardMatch: string;
}

/** A declaration of the derived schema (the subset of the schema format it writes). */
export interface DerivedCookie {
  provider: string;
  service: string;
  category: string;
  purpose: string;
  value: { type: string };
  maxAge: string | number;
  party?: 'third';
  domain?: string;
  accessor?: string;
}

export interface DerivedSchema {
  $schema: string;
  policy: { name: string; revision: number; locales: string[]; consentMaxAge: string };
  consentCookie: string;
  categories: Record<string, unknown>;
  defaults: Record<string, unknown>;
  cookies: Record<string, DerivedCookie>;
}

export const OCD_FILE: string;
export function readOcd(file?: string): OcdEntry[];
export function cleanName(raw: string): string;
export function durationOf(retention: string, requiresConsent: boolean): string | number;
export function defaultAccessor(name: string): string;
export function deriveOcdSchema(count: number, entries?: OcdEntry[]): DerivedSchema;
