/**
 * The page's own text, in the languages the portal offers. The cookie policy's text (category
 * titles, purposes, durations) comes from the generated `/policy` data, not from here.
 */
import type { CookieValues } from '@examples/opendatasoft-cookies/server';

/** A value of `django_language`: what the schema accepts. */
export type Language = CookieValues['django_language'];

const en = {
  languageName: 'English',
  siteName: 'Open data portal',
  tagline: 'Public datasets of the city, free to explore and reuse.',
  home: 'Home',
  cookiePolicy: 'Cookie policy',
  language: 'Language',
  change: 'Change',
  account: 'Your account',
  signIn: 'Sign in',
  username: 'Username',
  password: 'Password',
  demoAccount: 'Demo account: ada / lovelace',
  badCredentials: 'Wrong username or password.',
  signedInAs: 'Signed in as {name}.',
  signOut: 'Sign out',
  datasets: 'Latest datasets',
  datasetsIntro:
    'The list comes from the portal’s API. The call sends the CSRF token that this page reads from the csrftoken cookie.',
  loadDatasets: 'Load through the API',
  records: '{count} records',
  apiError: 'The API refused the call ({status}).',
  readable: 'Cookies this page can read',
  readableHint: 'sessionid is HttpOnly: page scripts never see it.',
  cookieSettings: 'Cookie settings',
  consentNotNeeded: 'No consent needed: these cookies are necessary for the portal to work.',
  consentOptOut:
    'No consent needed: the statistics are anonymous. You can object at any time in the cookie settings; the cookies are then deleted.',
  consentNeeded: 'Set only with your consent.',
  policyTitle: 'Cookie policy of the {name}',
  policyIntro:
    'This portal sets the cookies below. Essential cookies need no consent; the others are set only if you accept them, and deleted when you withdraw.',
  provider: 'Provider',
  service: 'Service and location',
  cookieName: 'Cookie name',
  purpose: 'Purpose',
  duration: 'Duration',
  notFound: 'Page not found.',
};

type Messages = typeof en;

const fr: Messages = {
  languageName: 'Français',
  siteName: 'Portail open data',
  tagline: 'Les jeux de données publics de la ville, libres d’exploration et de réutilisation.',
  home: 'Accueil',
  cookiePolicy: 'Politique de cookies',
  language: 'Langue',
  change: 'Changer',
  account: 'Votre compte',
  signIn: 'Se connecter',
  username: 'Identifiant',
  password: 'Mot de passe',
  demoAccount: 'Compte de démonstration : ada / lovelace',
  badCredentials: 'Identifiant ou mot de passe incorrect.',
  signedInAs: 'Connecté en tant que {name}.',
  signOut: 'Se déconnecter',
  datasets: 'Derniers jeux de données',
  datasetsIntro:
    'La liste vient de l’API du portail. L’appel envoie le jeton CSRF que cette page lit dans le cookie csrftoken.',
  loadDatasets: 'Charger via l’API',
  records: '{count} enregistrements',
  apiError: 'L’API a refusé l’appel ({status}).',
  readable: 'Cookies lisibles par cette page',
  readableHint: 'sessionid est HttpOnly : les scripts de la page ne le voient jamais.',
  cookieSettings: 'Paramètres des cookies',
  consentNotNeeded:
    'Pas de consentement requis : ces cookies sont nécessaires au fonctionnement du portail.',
  consentOptOut:
    'Pas de consentement requis : les statistiques sont anonymes. Vous pouvez vous y opposer à tout moment dans les paramètres des cookies ; les cookies sont alors supprimés.',
  consentNeeded: 'Déposés seulement avec votre consentement.',
  policyTitle: 'Politique de cookies : {name}',
  policyIntro:
    'Ce portail dépose les cookies ci-dessous. Les cookies essentiels ne demandent pas de consentement ; les autres ne sont déposés que si vous les acceptez, et supprimés quand vous retirez votre accord.',
  provider: 'Fournisseur',
  service: 'Service et emplacement',
  cookieName: 'Nom du cookie',
  purpose: 'Finalité',
  duration: 'Durée',
  notFound: 'Page introuvable.',
};

/** The languages the page is translated into, in menu order. */
export const MESSAGES: Readonly<Partial<Record<Language, Messages>>> = { en, fr };

/** The page's languages (a subset of what `django_language` accepts). */
export const PAGE_LANGUAGES = Object.keys(MESSAGES) as Language[];

/** The text of `language`, or English for a language the page is not translated into. */
export function messagesFor(language: Language): { language: Language; text: Messages } {
  const text = MESSAGES[language];
  return text ? { language, text } : { language: 'en', text: en };
}

/** Replaces `{name}` placeholders. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
