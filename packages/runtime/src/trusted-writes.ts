/**
 * The one way the runtime's own browser writes reach `document.cookie`: every generated
 * accessor's write and deletion, the consent choice and the consent purge. The generator checked
 * these against the schema already, so the cookie firewall (`firewall.ts`) lets them pass as
 * they are: while it is installed, it sets the setter below to the browser's own, and they skip
 * its checks. Without a firewall this is a plain assignment.
 */

let trustedSetter: ((this: Document, header: string) => void) | undefined;

/** Writes one `Set-Cookie`-like string, past the cookie firewall when one is installed. */
export function writeTrustedCookie(doc: Document, header: string): void {
  if (trustedSetter) trustedSetter.call(doc, header);
  else doc.cookie = header;
}

/** For the firewall: the setter trusted writes use while it runs (`undefined` when it stops). */
export function setTrustedCookieSetter(setter?: (this: Document, header: string) => void): void {
  trustedSetter = setter;
}
