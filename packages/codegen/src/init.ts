/** The starting schema written by `cookie-schema init`. */

export interface InitOptions {
  name: string;
  locales: string[];
}

export function initSchemaText({ name, locales }: InitOptions): string {
  const schema = {
    $schema: './node_modules/@cookie-schema/codegen/cookie-schema.json',
    policy: { name, revision: 1, locales, consentMaxAge: '6mo' },
    consentCookie: 'cookie_consent',
    categories: {
      necessary: {
        required: true,
        title: 'Strictly necessary',
        description:
          'Needed for the site to work (sign-in, security, your cookie choices). Always on.',
        consentMode: ['security_storage'],
      },
      preferences: {
        title: 'Preferences',
        description: 'Remember choices such as your language or region.',
        consentMode: ['functionality_storage', 'personalization_storage'],
      },
      statistics: {
        title: 'Statistics',
        description: 'Help us understand how the site is used, anonymously.',
        consentMode: ['analytics_storage'],
      },
      marketing: {
        title: 'Marketing',
        description: 'Used to show relevant advertising and measure campaigns.',
        consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
        gpcOptOut: true,
      },
    },
    defaults: { path: '/', sameSite: 'lax', secure: true },
    cookies: {
      cookie_consent: {
        provider: name,
        service: 'Cookie banner',
        category: 'necessary',
        purpose: 'Remembers your choice regarding cookies.',
        value: { type: 'consent' },
        maxAge: '6mo',
      },
      session: {
        provider: name,
        service: 'Sign-in',
        category: 'necessary',
        purpose: 'Keeps you signed in from one page to another.',
        value: { type: 'string', minLength: 16, maxLength: 128 },
        httpOnly: true,
        maxAge: '2w',
      },
    },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
