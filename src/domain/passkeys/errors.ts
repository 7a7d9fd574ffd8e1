/** Error catalog of passkeys (A14, docs/passkeys.md). Codes are stable and tested. */
import { defineErrors } from "../../lib/errors.ts";

export const PasskeyErrors = defineErrors({
  PASSKEY_LIMIT: {
    kind: "bad_request",
    message: "A user can have at most 20 passkeys; delete one first",
  },
  PASSKEY_CHALLENGE_INVALID: {
    kind: "bad_request",
    message: "The passkey ceremony is unknown, expired or already used; start again",
  },
  PASSKEY_VERIFICATION_FAILED: {
    kind: "bad_request",
    message: "The passkey could not be verified",
  },
  PASSKEY_ALREADY_REGISTERED: {
    kind: "conflict",
    message: "This authenticator is already registered",
  },
  PASSKEY_SIGN_IN_FAILED: { kind: "unauthenticated", message: "Passkey sign-in failed" },
  PASSKEY_NOT_FOUND: { kind: "not_found", message: "Passkey not found" },
  PASSKEY_NAME_INVALID: { kind: "bad_request", message: "A passkey name must not be blank" },
  PASSKEY_EMAIL_INVALID: { kind: "bad_request", message: "email is not a valid address" },
});
