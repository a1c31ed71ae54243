// Compile-only checks (type-checked by the test command, never run): importing a cookie that
// the client module must not have is a compile error on the import itself.
// @ts-expect-error — sessionid is HttpOnly, so the client module has no such export
import { sessionid } from '@examples/opendatasoft-cookies/client';
import {
  // @ts-expect-error — __Host-oauth_state is encrypted: server only
  oauthState,
  // @ts-expect-error — __Host-session is signed: server only
  session,
} from '@examples/shop-cookies/client';
// @ts-expect-error — an undeclared cookie has no accessor anywhere
import { nope } from '@examples/shop-cookies/policy';

export const unused = [sessionid, session, oauthState, nope];
