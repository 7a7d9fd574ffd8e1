/** Error catalog of vault tokens (issue 11 item 4). Codes are stable and tested. */
import { defineErrors } from "../../lib/errors.ts";

export const TokenErrors = defineErrors({
  TOKEN_TTL_INVALID: {
    kind: "bad_request",
    message: "access_token_ttl must be an integer between 60 and 86400 seconds",
  },
  VAULT_NO_GRANT: { kind: "forbidden", message: "You do not have access to this vault" },
  TOKEN_ROLE_EXCEEDS: {
    kind: "bad_request",
    message: "The requested role exceeds your role on this vault",
  },
  NO_SIGNING_KEY: {
    kind: "conflict",
    message:
      "The organization has no active certificate to sign tokens with; create a client certificate first",
  },
});
