/** `/ui/`: sign in with email and password, or with a passkey (usernameless). */
import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
} from "@simplewebauthn/browser";
import { ApiError, api, type SignedIn } from "../lib/api.ts";
import {
  byId,
  field,
  go,
  h,
  onClick,
  onSubmit,
  queryParam,
  secret,
  showBanner,
} from "../lib/dom.ts";

const status = byId("status");

/**
 * Where to go once signed in: `?next=` when it is a path of this site (the OAuth authorization
 * and device pages send people here and back, docs/cli-sign-in.md), else the account page. An
 * absolute URL, `//host` or a backslash trick is ignored, so the page is no open redirect.
 */
function destination(): string {
  const next = queryParam("next");
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) {
    return "/ui/account";
  }
  const url = new URL(next, location.origin);
  return url.origin === location.origin ? `${url.pathname}${url.search}` : "/ui/account";
}
const form = byId<HTMLFormElement>("sign-in-form");
const passkeyButton = byId<HTMLButtonElement>("passkey-sign-in");

if (queryParam("signed_out") !== null) {
  showBanner(status, "success", "You have been signed out.");
} else if (queryParam("reason") === "session") {
  showBanner(status, "info", "Please sign in to continue.");
}

onSubmit(form, status, async (data) => {
  await api<SignedIn>("POST", "/v1/auth/login/password", {
    email: field(data, "email"),
    password: secret(data, "password"),
  });
  go(destination());
});

if (browserSupportsWebAuthn()) {
  onClick(passkeyButton, status, async () => {
    const { options } = await api<{ options: PublicKeyCredentialRequestOptionsJSON }>(
      "POST",
      "/v1/auth/passkey/options",
      {},
    );
    const credential = await startAuthentication({ optionsJSON: options });
    try {
      await api<SignedIn>("POST", "/v1/auth/passkey/verify", { credential });
    } catch (e) {
      if (!(e instanceof ApiError && e.code === "PASSKEY_SIGN_IN_FAILED")) throw e;
      // The device offered a passkey the account no longer has (or that failed its check).
      showBanner(
        status,
        "error",
        e.message,
        [],
        h(
          "p",
          { class: "banner-hint" },
          "If you removed this passkey from your account, sign in with your password and add a new one.",
        ),
      );
      return;
    }
    go(destination());
  });
} else {
  passkeyButton.hidden = true;
  byId("passkey-unsupported").hidden = false;
}
