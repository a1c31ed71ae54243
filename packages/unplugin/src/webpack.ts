/**
 * The cookie-schema plugin for webpack: `plugins: [cookieSchema({ schema, out, name })]`.
 * See CookieSchemaPluginOptions for the options and their defaults.
 */
import { cookieSchema } from './index';

export type { CookieSchemaPluginOptions } from './index';

export default cookieSchema.webpack;
