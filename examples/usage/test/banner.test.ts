// The generated banner module during server rendering (no `document`): importing it and calling
// it is a no-op, not a crash (issue 17's bad input). Its behaviour in a browser is tested in
// banner.browser.test.ts.
import { openConsentPreferences, showConsentBanner } from '@examples/shop-cookies/banner';
import { consent } from '@examples/shop-cookies/client';
import { describe, expect, it } from 'vitest';

describe('<pkg>/banner without a document (server rendering)', () => {
  it('shows nothing and throws nothing', () => {
    expect(typeof document).toBe('undefined');
    // There is a choice to ask for: only the missing document stops the banner.
    expect(consent.needsPrompt).toBe(true);
    expect(showConsentBanner()).toBeUndefined();
    expect(showConsentBanner({ locale: 'de' })).toBeUndefined();
    expect(openConsentPreferences()).toBeUndefined();
  });
});
