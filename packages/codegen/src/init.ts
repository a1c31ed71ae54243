/** The starting schema written by `cookie-schema init`. */

export interface InitOptions {
  name: string;
  locales: string[];
}

/** The texts of the starting schema, by key. */
type Texts = Record<
  | 'necessaryTitle'
  | 'necessaryDescription'
  | 'preferencesTitle'
  | 'preferencesDescription'
  | 'statisticsTitle'
  | 'statisticsDescription'
  | 'marketingTitle'
  | 'marketingDescription'
  | 'bannerService'
  | 'consentPurpose'
  | 'signInService'
  | 'sessionPurpose',
  string
>;

const EN: Texts = {
  necessaryTitle: 'Strictly necessary',
  necessaryDescription:
    'Needed for the site to work (sign-in, security, your cookie choices). Always on.',
  preferencesTitle: 'Preferences',
  preferencesDescription: 'Remember choices such as your language or region.',
  statisticsTitle: 'Statistics',
  statisticsDescription: 'Help us understand how the site is used, anonymously.',
  marketingTitle: 'Marketing',
  marketingDescription: 'Used to show relevant advertising and measure campaigns.',
  bannerService: 'Cookie banner',
  consentPurpose: 'Remembers your choice regarding cookies.',
  signInService: 'Sign-in',
  sessionPurpose: 'Keeps you signed in from one page to another.',
};

/** The languages whose texts `init` writes translated; others start from the English text. */
export const INIT_TRANSLATIONS: Readonly<Record<string, Texts>> = {
  en: EN,
  fr: {
    necessaryTitle: 'Strictement nécessaires',
    necessaryDescription:
      'Nécessaires au fonctionnement du site (connexion, sécurité, vos choix en matière de cookies). Toujours actifs.',
    preferencesTitle: 'Préférences',
    preferencesDescription: 'Retiennent vos choix, comme votre langue ou votre région.',
    statisticsTitle: 'Statistiques',
    statisticsDescription:
      'Nous aident à comprendre, de façon anonyme, comment le site est utilisé.',
    marketingTitle: 'Marketing',
    marketingDescription:
      'Servent à afficher des publicités pertinentes et à mesurer les campagnes.',
    bannerService: 'Bandeau cookies',
    consentPurpose: 'Retient votre choix en matière de cookies.',
    signInService: 'Connexion',
    sessionPurpose: "Vous garde connecté d'une page à l'autre.",
  },
  de: {
    necessaryTitle: 'Unbedingt erforderlich',
    necessaryDescription:
      'Für den Betrieb der Website nötig (Anmeldung, Sicherheit, Ihre Cookie-Auswahl). Immer aktiv.',
    preferencesTitle: 'Präferenzen',
    preferencesDescription: 'Merken sich Einstellungen wie Ihre Sprache oder Region.',
    statisticsTitle: 'Statistik',
    statisticsDescription: 'Helfen uns, anonym zu verstehen, wie die Website genutzt wird.',
    marketingTitle: 'Marketing',
    marketingDescription: 'Werden genutzt, um relevante Werbung zu zeigen und Kampagnen zu messen.',
    bannerService: 'Cookie-Banner',
    consentPurpose: 'Speichert Ihre Auswahl zu Cookies.',
    signInService: 'Anmeldung',
    sessionPurpose: 'Hält Sie von Seite zu Seite angemeldet.',
  },
};

/** The locales of `locales` that `init` has no translation for (their entries are English). */
export function untranslatedLocales(locales: readonly string[]): string[] {
  return locales.filter((l) => !Object.hasOwn(INIT_TRANSLATIONS, l.split('-')[0]!));
}

export function initSchemaText({ name, locales }: InitOptions): string {
  // One locale: plain strings. Several: an entry per locale, so that every policy page is in its
  // own language (a plain string would show the first language's text on every page).
  const text = (key: keyof Texts): string | Record<string, string> => {
    const of = (locale: string) => (INIT_TRANSLATIONS[locale.split('-')[0]!] ?? EN)[key];
    if (locales.length <= 1) return of(locales[0] ?? 'en');
    return Object.fromEntries(locales.map((locale) => [locale, of(locale)]));
  };
  const schema = {
    $schema: './node_modules/@cookie-schema/codegen/cookie-schema.json',
    policy: { name, revision: 1, locales, consentMaxAge: '6mo' },
    consentCookie: 'cookie_consent',
    categories: {
      necessary: {
        required: true,
        title: text('necessaryTitle'),
        description: text('necessaryDescription'),
        consentMode: ['security_storage'],
      },
      preferences: {
        title: text('preferencesTitle'),
        description: text('preferencesDescription'),
        consentMode: ['functionality_storage', 'personalization_storage'],
      },
      statistics: {
        title: text('statisticsTitle'),
        description: text('statisticsDescription'),
        consentMode: ['analytics_storage'],
      },
      marketing: {
        title: text('marketingTitle'),
        description: text('marketingDescription'),
        consentMode: ['ad_storage', 'ad_user_data', 'ad_personalization'],
        gpcOptOut: true,
      },
    },
    defaults: { path: '/', sameSite: 'lax', secure: true },
    cookies: {
      cookie_consent: {
        provider: name,
        service: text('bannerService'),
        category: 'necessary',
        purpose: text('consentPurpose'),
        value: { type: 'consent' },
        maxAge: '6mo',
      },
      session: {
        provider: name,
        service: text('signInService'),
        category: 'necessary',
        purpose: text('sessionPurpose'),
        value: { type: 'string', minLength: 16, maxLength: 128 },
        httpOnly: true,
        maxAge: '2w',
      },
    },
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
