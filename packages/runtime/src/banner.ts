/**
 * @cookie-schema/runtime/banner — the consent banner and preferences dialog that a generated
 * `<pkg>/banner` module opens with the schema's texts (SPEC §4). Generic machinery only: the DOM
 * (built with `createElement` and `textContent`, never HTML strings), focus management and the
 * styles. Choices go through the generated `consent`, so guards, purges, Consent Mode,
 * `whenGranted` and script activation follow them.
 *
 * Strict Content-Security-Policy: no inline script and no inline style are needed. The styles are
 * a constructed stylesheet (`new CSSStyleSheet()` adopted by the document), which
 * `style-src 'self'` allows, unlike a `<style>` element or `style` attributes.
 *
 * During server rendering (no `document`) every function is a no-op that returns `undefined`.
 */
import { BANNER_CSS } from './banner-css.js';
import type { ClientConsent } from './client.js';

/** A cookie as the preferences dialog lists it, in one locale. */
export interface BannerCookie {
  /** As declared: `sessionid`, or `_ga_*` for a family. */
  readonly name: string;
  readonly provider: string;
  readonly purpose: string;
  /** The lifetime in words: "2 weeks". */
  readonly duration: string;
}

/** A category in the preferences dialog, in one locale. */
export interface BannerCategory<C extends string = string> {
  readonly name: C;
  /**
   * `required`: always on (no switch); `opt-in`: off until the visitor grants it; `opt-out`: on
   * until the visitor objects (no consent needed).
   */
  readonly consent: 'required' | 'opt-in' | 'opt-out';
  readonly title: string;
  readonly description: string;
  /** The number of cookies in words: "4 cookies". */
  readonly count: string;
  readonly cookies: readonly BannerCookie[];
}

/** Every text of the banner and the dialog in one locale. */
export interface BannerTexts<C extends string = string> {
  /** The banner's heading: "We use cookies". */
  readonly title: string;
  /** The banner's text, also at the top of the dialog. */
  readonly description: string;
  readonly acceptAll: string;
  readonly rejectAll: string;
  /** Opens the preferences dialog from the banner. */
  readonly customize: string;
  readonly preferencesTitle: string;
  readonly save: string;
  /** The label of the dialog's close button. */
  readonly close: string;
  /** The text of the link to the policy page. */
  readonly policyLink: string;
  /** The status of the required category. */
  readonly alwaysOn: string;
  /** The status of an opt-out category: no consent needed, the visitor can object. */
  readonly optOut: string;
  /** Labels in the cookie lists. */
  readonly provider: string;
  readonly duration: string;
  readonly categories: readonly BannerCategory<C>[];
}

/** What the generated `<pkg>/banner` module passes: the policy URL and the texts by locale. */
export interface BannerContent<C extends string = string> {
  /** `policy.url`: linked from the banner and the dialog (http(s) or a path). */
  readonly url?: string;
  /** Texts by locale, in the schema's order: the first is the default. */
  readonly locales: Readonly<Record<string, BannerTexts<C>>>;
}

/** What the banner needs of the generated `consent`. */
export type BannerConsent<C extends string = string> = Pick<
  ClientConsent<C>,
  'has' | 'set' | 'needsPrompt' | 'onChange'
>;

/** Options of `showConsentBanner` and `openConsentPreferences`. */
export interface BannerOptions {
  /**
   * A locale of the schema. Default: the page's (`<html lang>`, matched exactly, then by base
   * language: `fr-CA` → `fr`), else the schema's first.
   */
  readonly locale?: string;
  /** The policy page's URL, e.g. a localized path. Default: the schema's `policy.url`. */
  readonly policyUrl?: string;
}

/** An open banner or dialog. */
export interface BannerHandle {
  /** The banner's `<section>` or the dialog's `<dialog>`. */
  readonly element: HTMLElement;
  /** Closes it without storing a choice (the dialog gives focus back to where it was). */
  close(): void;
}

let openBanner: BannerHandle | undefined;
let openDialog: BannerHandle | undefined;
let sheet: CSSStyleSheet | undefined;
let ids = 0;

/**
 * Shows the consent banner while the visitor has no valid choice (`consent.needsPrompt`); does
 * nothing otherwise, and returns the open banner when it is already shown. Accept all, reject all
 * and customize have equal prominence and stable hooks for tools:
 * `[data-cookie-consent="accept-all" | "reject-all" | "preferences"]`. The banner closes once a
 * choice is stored, through it or through `consent` elsewhere.
 */
export function showConsentBanner<C extends string>(
  consent: BannerConsent<C>,
  content: BannerContent<C>,
  options: BannerOptions = {},
): BannerHandle | undefined {
  if (typeof document === 'undefined') return undefined;
  if (openBanner?.element.isConnected) return openBanner;
  if (!consent.needsPrompt) return undefined;
  const { texts, locale } = localeOf(content, options);
  const id = `cs-${++ids}`;
  const element = root('section', locale, 'cs-banner', { 'aria-labelledby': `${id}-t` });
  element.append(
    el('h2', { id: `${id}-t` }, texts.title),
    el('p', {}, texts.description, ' ', policyLink(content, options, texts)),
    actions(
      [texts.acceptAll, 'accept-all', () => consent.set(names(texts))],
      [texts.rejectAll, 'reject-all', () => consent.set([])],
      [texts.customize, 'preferences', () => openConsentPreferences(consent, content, options)],
    ),
  );
  const stop = consent.onChange(() => {
    if (!consent.needsPrompt) handle.close();
  });
  const handle: BannerHandle = {
    element,
    close() {
      stop();
      element.remove();
      if (openBanner === handle) openBanner = undefined;
    },
  };
  adoptStyles();
  // First in the document: keyboard and screen-reader users meet it before the page.
  document.body.prepend(element);
  openBanner = handle;
  return handle;
}

/**
 * Opens the preferences dialog (modal): one switch per category that is not required, each
 * listing its cookies, with the current choice; opt-out categories are on until the visitor
 * objects. Focus stays inside, Escape closes it, and focus returns where it was. Save stores the
 * switches (`[data-cookie-consent="save"]`); accept all and reject all store everything or
 * nothing. Returns the open dialog when it is already open. Use it for a "cookie settings" link.
 */
export function openConsentPreferences<C extends string>(
  consent: BannerConsent<C>,
  content: BannerContent<C>,
  options: BannerOptions = {},
): BannerHandle | undefined {
  if (typeof document === 'undefined') return undefined;
  if (openDialog?.element.isConnected) return openDialog;
  const { texts, locale } = localeOf(content, options);
  const opener = document.activeElement as HTMLElement | null;
  const id = `cs-${++ids}`;
  const dialog = root('dialog', locale, 'cs-dialog', {
    'aria-labelledby': `${id}-t`,
    'aria-describedby': `${id}-d`,
  }) as HTMLDialogElement;
  const title = el('h2', { id: `${id}-t`, tabindex: '-1' }, texts.preferencesTitle);
  const close = el(
    'button',
    { type: 'button', class: 'cs-x', 'aria-label': texts.close, 'data-cookie-consent': 'close' },
    '×',
  );
  close.addEventListener('click', () => finish());
  const switches: [C, HTMLInputElement][] = [];
  const categories = texts.categories.map((category, i) => {
    const key = `${id}-${i}`;
    // The required category is always on; an opt-out one needs no consent but can be objected to.
    const status =
      category.consent === 'required'
        ? texts.alwaysOn
        : category.consent === 'opt-out'
          ? texts.optOut
          : '';
    const toggle = el('input', { type: 'checkbox', role: 'switch', id: key }) as HTMLInputElement;
    if (status) toggle.setAttribute('aria-describedby', `${key}-s`);
    toggle.checked = category.consent === 'required' || consent.has(category.name);
    toggle.disabled = category.consent === 'required';
    if (!toggle.disabled) switches.push([category.name, toggle]);
    return el(
      'section',
      { class: 'cs-cat', 'aria-labelledby': `${key}-l` },
      el(
        'div',
        { class: 'cs-row' },
        el('label', { id: `${key}-l`, for: key }, category.title),
        toggle,
      ),
      status ? el('p', { id: `${key}-s`, class: 'cs-status' }, status) : '',
      el('p', {}, category.description),
      cookieList(category, texts),
    );
  });
  const store = (granted: readonly C[]) => {
    consent.set(granted);
    finish();
  };
  dialog.append(
    el('div', { class: 'cs-head' }, title, close),
    el(
      'div',
      { class: 'cs-body' },
      el('p', { id: `${id}-d` }, texts.description, ' ', policyLink(content, options, texts)),
      ...categories,
    ),
    actions(
      [texts.rejectAll, 'reject-all', () => store([])],
      [texts.acceptAll, 'accept-all', () => store(names(texts))],
      [texts.save, 'save', () => store(switches.filter(([, s]) => s.checked).map(([c]) => c))],
    ),
  );
  dialog.addEventListener('keydown', (event) => trapFocus(event, dialog));
  // Escape (the dialog's cancel), the close button, a stored choice and `close()` all end here,
  // at once: a dialog opened right after this one is not the one closing.
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    if (openDialog === handle) openDialog = undefined;
    if (opener?.isConnected) opener.focus();
  };
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    finish();
  });
  // Also when the browser closes it by itself (a second Escape without user activation).
  dialog.addEventListener('close', finish);
  const handle: BannerHandle = { element: dialog, close: finish };
  adoptStyles();
  document.body.append(dialog);
  dialog.showModal();
  title.focus();
  openDialog = handle;
  return handle;
}

/** The locale to show: the option, else `<html lang>` (exact, then base language), else the first. */
function localeOf<C extends string>(
  content: BannerContent<C>,
  options: BannerOptions,
): { texts: BannerTexts<C>; locale: string } {
  const locales = Object.keys(content.locales);
  const wanted = (options.locale ?? document.documentElement.lang).toLowerCase();
  const base = (tag: string) => tag.toLowerCase().split('-')[0];
  const locale =
    locales.find((l) => l.toLowerCase() === wanted) ??
    locales.find((l) => base(l) === base(wanted)) ??
    locales[0]!;
  return { texts: content.locales[locale]!, locale };
}

function names<C extends string>(texts: BannerTexts<C>): C[] {
  return texts.categories.map((c) => c.name);
}

/** An element with attributes and children (text or elements). */
function el(
  tag: string,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** The outer element of the banner or the dialog: themed, in `locale`'s language and direction. */
function root(
  tag: string,
  locale: string,
  kind: string,
  attributes: Record<string, string>,
): HTMLElement {
  return el(tag, {
    ...attributes,
    class: `cs ${kind}`,
    lang: locale,
    dir: /^(ar|dv|fa|he|ku|ps|sd|ug|ur|yi)\b/i.test(locale) ? 'rtl' : 'ltr',
  });
}

/** A row of equally prominent buttons, each `[label, hook, action]`. */
function actions(...buttons: [string, string, () => void][]): HTMLElement {
  return el(
    'div',
    { class: 'cs-actions' },
    ...buttons.map(([label, hook, action]) => {
      const button = el('button', { type: 'button', 'data-cookie-consent': hook }, label);
      button.addEventListener('click', action);
      return button;
    }),
  );
}

/** The link to the policy page, or nothing when there is no http(s) URL or path. */
function policyLink(
  content: BannerContent,
  options: BannerOptions,
  texts: BannerTexts,
): Node | string {
  const url = options.policyUrl ?? content.url;
  return url && /^(https?:\/\/|\/)/i.test(url) ? el('a', { href: url }, texts.policyLink) : '';
}

/** The cookies of a category, folded: name, provider, duration and purpose of each. */
function cookieList(category: BannerCategory, texts: BannerTexts): Node | string {
  if (category.cookies.length === 0) return '';
  return el(
    'details',
    {},
    el('summary', {}, category.count),
    el(
      'ul',
      {},
      ...category.cookies.map((cookie) =>
        el(
          'li',
          {},
          el('code', {}, cookie.name),
          el(
            'span',
            {},
            `${texts.provider}: ${cookie.provider} · ${texts.duration}: ${cookie.duration}`,
          ),
          el('span', {}, cookie.purpose),
        ),
      ),
    ),
  );
}

/** Keeps Tab and Shift+Tab inside the dialog. */
function trapFocus(event: KeyboardEvent, dialog: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('a[href],button,input:not(:disabled),summary'),
  ];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = document.activeElement;
  const outside = !focusable.includes(active as HTMLElement);
  if (event.shiftKey ? active === first || outside : active === last || outside) {
    event.preventDefault();
    (event.shiftKey ? last : first)?.focus();
  }
}

/** Adopts the banner's stylesheet once; a `<style>` element where constructed sheets are missing. */
function adoptStyles(): void {
  if ((document as Partial<Document>).adoptedStyleSheets) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(BANNER_CSS);
    }
    if (!document.adoptedStyleSheets.includes(sheet)) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }
  } else if (!document.querySelector('style[data-cookie-consent]')) {
    document.head.append(el('style', { 'data-cookie-consent': '' }, BANNER_CSS));
  }
}
