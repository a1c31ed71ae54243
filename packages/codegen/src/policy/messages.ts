/**
 * The fixed text of policy pages and banner configurations, per language: English, French and
 * German are built in; any other locale falls back to English (the schema's own texts — titles,
 * descriptions, purposes — are always in the requested locale). Messages are plain text; each
 * renderer escapes them for its format.
 */

/** What the renderers need to phrase the introduction. */
export interface IntroFacts {
  /** The site or product (`policy.name`). */
  site: string;
  /** Category titles in declaration order. */
  categories: readonly string[];
  /** Title of the one required category. */
  requiredCategory: string;
  /** Whether any category is not required (otherwise there is no choice to make). */
  hasOptional: boolean;
  /** Titles of the opt-out categories (no consent needed; the visitor can object). */
  optOutCategories: readonly string[];
  /** Whether any category needs consent (opt-in). */
  hasOptIn: boolean;
  /** How long a choice is kept, in words ("6 months"). */
  consentMaxAge: string;
}

/** Fixed text of the policy page. */
export interface PageMessages {
  /** The `<title>` of the HTML page. */
  documentTitle: (site: string) => string;
  /** The page heading. */
  heading: string;
  /** Paragraph 1: what cookies are and what this page lists (replaced by `policy.introduction`). */
  whatCookiesAre: (site: string) => string;
  /** Paragraph 2: the categories used. */
  categoriesUsed: (facts: IntroFacts) => string;
  /** Paragraph 3: how to change one's choice. */
  changeChoice: (facts: IntroFacts) => string;
  consentRequired: string;
  consentNotRequired: string;
  /** Under an opt-out category: no consent needed, and how to object. */
  consentOptOut: string;
  gpcOptOut: string;
  headers: { provider: string; service: string; name: string; purpose: string; duration: string };
  /** The table caption of a category. */
  caption: (categoryTitle: string) => string;
  noCookies: string;
  /** Explains a family name inline: "any cookie whose name starts with _ga_". */
  family: (prefix: string) => string;
  /** A note under a table that lists a family. */
  familyNote: string;
  thirdParty: string;
  /** "third-party cookie, set by doubleclick.net". */
  thirdPartySetBy: (domain: string) => string;
  /** Said of an encrypted cookie, beside its name. */
  encrypted: string;
  contactHeading: string;
  contact: string;
  publishedAt: string;
  revision: (revision: number) => string;
  cookieCount: (n: number) => string;
}

/** Fixed text of a consent banner (vanilla-cookieconsent's modal labels). */
export interface BannerMessages {
  consentTitle: string;
  consentDescription: string;
  acceptAll: string;
  rejectAll: string;
  showPreferences: string;
  preferencesTitle: string;
  savePreferences: string;
  close: string;
  serviceCounter: string;
  usageTitle: string;
  /** The first section of the preferences modal. */
  usageDescription: string;
  moreInformationTitle: string;
  /** "Questions about cookies or this policy:" before a contact link. */
  contact: string;
  /** "Read the full cookie policy." (link text). */
  fullPolicy: string;
  /** The banner's text when every optional category is opt-out (nothing needs consent). */
  optOutDescription: string;
  /** The banner's text when some optional categories are opt-out and others opt-in. */
  mixedDescription: string;
  /** The status of the required category in the preferences dialog. */
  alwaysOn: string;
  /** The status of an opt-out category in the preferences dialog. */
  optOutStatus: string;
}

export interface Messages {
  page: PageMessages;
  banner: BannerMessages;
}

const nbsp = '\u00a0';

const en: Messages = {
  page: {
    documentTitle: (site) => `Cookie policy — ${site}`,
    heading: 'Cookie policy',
    whatCookiesAre: (site) =>
      `Cookies are small text files that a website stores in your browser and reads back on later visits. This page lists every cookie that ${site} uses: who sets it, what it is for and how long it is kept.`,
    categoriesUsed: (f) =>
      f.categories.length === 1
        ? `All the cookies belong to one category, “${f.requiredCategory}”: they are strictly necessary for the site to work and are set without asking you.`
        : `The cookies are grouped into ${f.categories.length} categories: ${list(
            'en',
            f.categories.map((t) => `“${t}”`),
          )}. Cookies in “${f.requiredCategory}” are strictly necessary for the site to work and are set without asking you;${
            f.optOutCategories.length === 0
              ? ''
              : ` those in ${list(
                  'en',
                  f.optOutCategories.map((t) => `“${t}”`),
                )} need no consent either${f.hasOptIn ? ', but you can object to them at any time;' : ': they are set unless you object, which you can do at any time.'}`
          }${f.hasOptIn ? ' the others are set only after you have given your consent.' : ''}`,
    changeChoice: (f) =>
      f.hasOptional
        ? `You can change your choice at any time with the cookie settings link of the site; ${f.optOutCategories.length ? 'withdrawing your consent, or objecting, deletes' : 'withdrawing your consent deletes'} the cookies of that category. Your choice is kept for ${f.consentMaxAge}; after that, or when this policy changes, you are asked again. You can also delete cookies in your browser's settings.`
        : `As these cookies are necessary, there is no choice to make. You can still delete cookies in your browser's settings, but parts of the site may then stop working.`,
    consentRequired: 'Consent required: these cookies are set only if you accept them.',
    consentNotRequired: 'No consent required: these cookies are strictly necessary.',
    consentOptOut:
      'No consent required: these cookies are set unless you object. You can object at any time in the cookie settings; they are then deleted and not set again.',
    gpcOptOut:
      'If your browser sends the Global Privacy Control signal, this category stays off unless you turn it on yourself.',
    headers: {
      provider: 'Provider',
      service: 'Service and location',
      name: 'Cookie name',
      purpose: 'Purpose',
      duration: 'Duration',
    },
    caption: (title) => `Cookies in the category “${title}”`,
    noCookies: 'This category has no cookies at the moment.',
    family: (prefix) => `any cookie whose name starts with ${prefix}`,
    familyNote:
      'A name ending in * stands for a family of cookies: every cookie whose name starts with the part before the asterisk.',
    thirdParty: 'Third party',
    thirdPartySetBy: (domain) => `third-party cookie, set by ${domain}`,
    encrypted: 'encrypted: only this site can read its content',
    contactHeading: 'Contact',
    contact: 'Questions about cookies or this policy:',
    publishedAt: 'This policy is published at',
    revision: (n) => `Revision ${n}`,
    cookieCount: (n) => (n === 1 ? '1 cookie' : `${n} cookies`),
  },
  banner: {
    consentTitle: 'We use cookies',
    consentDescription:
      'Some cookies are necessary for the site to work; the others are set only with your consent. You can change your choice at any time.',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    showPreferences: 'Manage preferences',
    preferencesTitle: 'Cookie preferences',
    savePreferences: 'Save my choices',
    close: 'Close',
    serviceCounter: 'Service|Services',
    usageTitle: 'Cookie usage',
    usageDescription:
      'We use cookies to make the site work and, with your consent, for the purposes below. You can change your choice at any time; withdrawing your consent deletes the cookies of that category.',
    moreInformationTitle: 'More information',
    contact: 'Questions about cookies or this policy:',
    fullPolicy: 'Read the full cookie policy.',
    optOutDescription:
      'Some cookies are necessary for the site to work; the others need no consent either, but you can object to them. You can change your choice at any time.',
    mixedDescription:
      'Some cookies are necessary for the site to work; some need no consent, but you can object to them; the others are set only with your consent. You can change your choice at any time.',
    alwaysOn: 'Always on',
    optOutStatus: 'No consent needed; you can object',
  },
};

const fr: Messages = {
  page: {
    documentTitle: (site) => `Politique relative aux cookies — ${site}`,
    heading: 'Politique relative aux cookies',
    whatCookiesAre: (site) =>
      `Les cookies sont de petits fichiers texte qu'un site web enregistre dans votre navigateur et relit lors de vos visites suivantes. Cette page liste tous les cookies qu'utilise ${site}${nbsp}: qui les dépose, à quoi ils servent et combien de temps ils sont conservés.`,
    categoriesUsed: (f) =>
      f.categories.length === 1
        ? `Tous les cookies relèvent d'une seule catégorie, «${nbsp}${f.requiredCategory}${nbsp}»${nbsp}: ils sont strictement nécessaires au fonctionnement du site et sont déposés sans vous le demander.`
        : `Les cookies sont classés en ${f.categories.length} catégories${nbsp}: ${list(
            'fr',
            f.categories.map((t) => `«${nbsp}${t}${nbsp}»`),
          )}. Les cookies de la catégorie «${nbsp}${f.requiredCategory}${nbsp}» sont strictement nécessaires au fonctionnement du site et sont déposés sans vous le demander${nbsp};${
            f.optOutCategories.length === 0
              ? ''
              : ` ceux ${f.optOutCategories.length === 1 ? 'de la catégorie' : 'des catégories'} ${list(
                  'fr',
                  f.optOutCategories.map((t) => `«${nbsp}${t}${nbsp}»`),
                )} ne nécessitent pas non plus votre consentement${f.hasOptIn ? `, mais vous pouvez vous y opposer à tout moment${nbsp};` : `${nbsp}: ils sont déposés sauf si vous vous y opposez, ce que vous pouvez faire à tout moment.`}`
          }${f.hasOptIn ? " les autres ne sont déposés qu'avec votre consentement." : ''}`,
    changeChoice: (f) =>
      f.hasOptional
        ? `Vous pouvez modifier votre choix à tout moment depuis le lien de paramétrage des cookies du site${nbsp}; ${f.optOutCategories.length ? 'retirer votre consentement, ou vous opposer, supprime' : 'retirer votre consentement supprime'} les cookies de la catégorie concernée. Votre choix est conservé pendant ${f.consentMaxAge}${nbsp}; passé ce délai, ou lorsque cette politique change, il vous est demandé à nouveau. Vous pouvez aussi supprimer les cookies dans les réglages de votre navigateur.`
        : `Ces cookies étant nécessaires, vous n'avez pas de choix à faire. Vous pouvez toujours supprimer les cookies dans les réglages de votre navigateur, mais certaines parties du site risquent alors de ne plus fonctionner.`,
    consentRequired: `Consentement requis${nbsp}: ces cookies ne sont déposés que si vous les acceptez.`,
    consentNotRequired: `Pas de consentement requis${nbsp}: ces cookies sont strictement nécessaires.`,
    consentOptOut: `Pas de consentement requis${nbsp}: ces cookies sont déposés sauf si vous vous y opposez. Vous pouvez vous y opposer à tout moment depuis le paramétrage des cookies${nbsp}; ils sont alors supprimés et ne sont plus déposés.`,
    gpcOptOut:
      "Si votre navigateur envoie le signal Global Privacy Control, cette catégorie reste désactivée, sauf si vous l'activez vous-même.",
    headers: {
      provider: 'Fournisseur',
      service: 'Service et emplacement',
      name: 'Nom du cookie',
      purpose: 'Finalité',
      duration: 'Durée',
    },
    caption: (title) => `Cookies de la catégorie «${nbsp}${title}${nbsp}»`,
    noCookies: 'Cette catégorie ne contient aucun cookie pour le moment.',
    family: (prefix) => `tout cookie dont le nom commence par ${prefix}`,
    familyNote: `Un nom terminé par * désigne une famille de cookies${nbsp}: tous les cookies dont le nom commence par la partie qui précède l'astérisque.`,
    thirdParty: 'Tiers',
    thirdPartySetBy: (domain) => `cookie tiers, déposé par ${domain}`,
    encrypted: `chiffré${nbsp}: seul ce site peut en lire le contenu`,
    contactHeading: 'Contact',
    contact: `Pour toute question sur les cookies ou sur cette politique${nbsp}:`,
    publishedAt: "Cette politique est publiée à l'adresse",
    revision: (n) => `Révision ${n}`,
    cookieCount: (n) => (n < 2 ? `${n} cookie` : `${n} cookies`),
  },
  banner: {
    consentTitle: 'Nous utilisons des cookies',
    consentDescription: `Certains cookies sont nécessaires au fonctionnement du site${nbsp}; les autres ne sont déposés qu'avec votre consentement. Vous pouvez modifier votre choix à tout moment.`,
    acceptAll: 'Tout accepter',
    rejectAll: 'Tout refuser',
    showPreferences: 'Personnaliser',
    preferencesTitle: 'Préférences en matière de cookies',
    savePreferences: 'Enregistrer mes choix',
    close: 'Fermer',
    serviceCounter: 'Service|Services',
    usageTitle: 'Utilisation des cookies',
    usageDescription: `Nous utilisons des cookies pour faire fonctionner le site et, avec votre consentement, pour les finalités ci-dessous. Vous pouvez modifier votre choix à tout moment${nbsp}; retirer votre consentement supprime les cookies de la catégorie concernée.`,
    moreInformationTitle: "Plus d'informations",
    contact: `Pour toute question sur les cookies ou sur cette politique${nbsp}:`,
    fullPolicy: 'Lire la politique relative aux cookies.',
    optOutDescription: `Certains cookies sont nécessaires au fonctionnement du site${nbsp}; les autres ne nécessitent pas non plus votre consentement, mais vous pouvez vous y opposer. Vous pouvez modifier votre choix à tout moment.`,
    mixedDescription: `Certains cookies sont nécessaires au fonctionnement du site${nbsp}; d'autres ne nécessitent pas votre consentement, mais vous pouvez vous y opposer${nbsp}; les autres ne sont déposés qu'avec votre consentement. Vous pouvez modifier votre choix à tout moment.`,
    alwaysOn: 'Toujours actifs',
    optOutStatus: `Consentement non requis${nbsp}; opposition possible`,
  },
};

const de: Messages = {
  page: {
    documentTitle: (site) => `Cookie-Richtlinie — ${site}`,
    heading: 'Cookie-Richtlinie',
    whatCookiesAre: (site) =>
      `Cookies sind kleine Textdateien, die eine Website in Ihrem Browser speichert und bei späteren Besuchen wieder ausliest. Diese Seite führt alle Cookies auf, die ${site} verwendet: wer sie setzt, wozu sie dienen und wie lange sie gespeichert bleiben.`,
    categoriesUsed: (f) =>
      f.categories.length === 1
        ? `Alle Cookies gehören zu einer Kategorie, „${f.requiredCategory}“: Sie sind für den Betrieb der Website unbedingt erforderlich und werden ohne Nachfrage gesetzt.`
        : `Die Cookies sind in ${f.categories.length} Kategorien eingeteilt: ${list(
            'de',
            f.categories.map((t) => `„${t}“`),
          )}. Cookies der Kategorie „${f.requiredCategory}“ sind für den Betrieb der Website unbedingt erforderlich und werden ohne Nachfrage gesetzt;${
            f.optOutCategories.length === 0
              ? ''
              : ` auch die Cookies der ${f.optOutCategories.length === 1 ? 'Kategorie' : 'Kategorien'} ${list(
                  'de',
                  f.optOutCategories.map((t) => `„${t}“`),
                )} benötigen keine Einwilligung${f.hasOptIn ? ', Sie können ihnen aber jederzeit widersprechen;' : '; sie werden gesetzt, solange Sie nicht widersprechen, was jederzeit möglich ist.'}`
          }${f.hasOptIn ? ' alle anderen werden erst gesetzt, nachdem Sie eingewilligt haben.' : ''}`,
    changeChoice: (f) =>
      f.hasOptional
        ? `Sie können Ihre Auswahl jederzeit über den Link zu den Cookie-Einstellungen der Website ändern; wenn Sie Ihre Einwilligung widerrufen${f.optOutCategories.length ? ' oder widersprechen' : ''}, werden die Cookies der betreffenden Kategorie gelöscht. Ihre Auswahl wird ${f.consentMaxAge} lang gespeichert; danach, oder wenn sich diese Richtlinie ändert, fragen wir erneut. Sie können Cookies auch in den Einstellungen Ihres Browsers löschen.`
        : 'Da diese Cookies erforderlich sind, gibt es keine Auswahl zu treffen. Sie können Cookies in den Einstellungen Ihres Browsers löschen, dann funktionieren jedoch Teile der Website möglicherweise nicht mehr.',
    consentRequired:
      'Einwilligung erforderlich: Diese Cookies werden nur gesetzt, wenn Sie zustimmen.',
    consentNotRequired:
      'Keine Einwilligung erforderlich: Diese Cookies sind unbedingt erforderlich.',
    consentOptOut:
      'Keine Einwilligung erforderlich: Diese Cookies werden gesetzt, solange Sie nicht widersprechen. Sie können jederzeit in den Cookie-Einstellungen widersprechen; sie werden dann gelöscht und nicht mehr gesetzt.',
    gpcOptOut:
      'Sendet Ihr Browser das Signal „Global Privacy Control“, bleibt diese Kategorie deaktiviert, bis Sie sie selbst aktivieren.',
    headers: {
      provider: 'Anbieter',
      service: 'Dienst und Ort',
      name: 'Cookie-Name',
      purpose: 'Zweck',
      duration: 'Speicherdauer',
    },
    caption: (title) => `Cookies der Kategorie „${title}“`,
    noCookies: 'Diese Kategorie enthält derzeit keine Cookies.',
    family: (prefix) => `jedes Cookie, dessen Name mit ${prefix} beginnt`,
    familyNote:
      'Ein Name, der auf * endet, steht für eine Cookie-Familie: alle Cookies, deren Name mit dem Teil vor dem Sternchen beginnt.',
    thirdParty: 'Drittanbieter',
    thirdPartySetBy: (domain) => `Drittanbieter-Cookie, gesetzt von ${domain}`,
    encrypted: 'verschlüsselt: nur diese Website kann den Inhalt lesen',
    contactHeading: 'Kontakt',
    contact: 'Fragen zu Cookies oder zu dieser Richtlinie:',
    publishedAt: 'Diese Richtlinie ist veröffentlicht unter',
    revision: (n) => `Revision ${n}`,
    cookieCount: (n) => (n === 1 ? '1 Cookie' : `${n} Cookies`),
  },
  banner: {
    consentTitle: 'Wir verwenden Cookies',
    consentDescription:
      'Einige Cookies sind für den Betrieb der Website erforderlich; alle anderen werden nur mit Ihrer Einwilligung gesetzt. Sie können Ihre Auswahl jederzeit ändern.',
    acceptAll: 'Alle akzeptieren',
    rejectAll: 'Alle ablehnen',
    showPreferences: 'Einstellungen verwalten',
    preferencesTitle: 'Cookie-Einstellungen',
    savePreferences: 'Auswahl speichern',
    close: 'Schließen',
    serviceCounter: 'Dienst|Dienste',
    usageTitle: 'Verwendung von Cookies',
    usageDescription:
      'Wir verwenden Cookies, damit die Website funktioniert, und mit Ihrer Einwilligung für die unten genannten Zwecke. Sie können Ihre Auswahl jederzeit ändern; wenn Sie Ihre Einwilligung widerrufen, werden die Cookies der betreffenden Kategorie gelöscht.',
    moreInformationTitle: 'Weitere Informationen',
    contact: 'Fragen zu Cookies oder zu dieser Richtlinie:',
    fullPolicy: 'Die vollständige Cookie-Richtlinie lesen.',
    optOutDescription:
      'Einige Cookies sind für den Betrieb der Website erforderlich; die übrigen benötigen ebenfalls keine Einwilligung, Sie können ihnen aber widersprechen. Sie können Ihre Auswahl jederzeit ändern.',
    mixedDescription:
      'Einige Cookies sind für den Betrieb der Website erforderlich; manche benötigen keine Einwilligung, Sie können ihnen aber widersprechen; alle anderen werden nur mit Ihrer Einwilligung gesetzt. Sie können Ihre Auswahl jederzeit ändern.',
    alwaysOn: 'Immer aktiv',
    optOutStatus: 'Keine Einwilligung nötig; Widerspruch möglich',
  },
};

const MESSAGES: Record<string, Messages> = { en, fr, de };

/** Base languages with built-in page and banner text. */
export const MESSAGE_LOCALES: readonly string[] = Object.keys(MESSAGES);

function baseLanguage(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}

/** Whether `locale` (or its base language) has built-in text; otherwise English is used. */
export function hasBuiltInMessages(locale: string): boolean {
  return baseLanguage(locale) in MESSAGES;
}

/** The fixed text for `locale`: matched by base language (`fr-CA` → `fr`), else English. */
export function messagesFor(locale: string): Messages {
  return MESSAGES[baseLanguage(locale)] ?? en;
}

/** "a, b and c" in the language's own style ("a, b et c", "a, b und c"). */
function list(locale: string, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
