/** Error catalog of accounts: registration, sign-in, profile and deletion. */
import { defineErrors } from "../../lib/errors.ts";

export const UserErrors = defineErrors({
  USER_NOT_FOUND: { kind: "not_found", message: "User not found" },
  INVALID_NAME: { kind: "bad_request", message: "Invalid name" },
  INVALID_EMAIL: { kind: "bad_request", message: "Invalid email format" },
  INVALID_PASSWORD: {
    kind: "bad_request",
    message: "Password must be between 12 and 128 characters",
  },
  EMAIL_IN_USE: { kind: "conflict", message: "Email address already in use" },
  /** Same status and message for an unknown email and a wrong password (docs/http-api.md#a6--no-account-enumeration). */
  INVALID_CREDENTIALS: { kind: "unauthenticated", message: "Invalid email or password" },
  /** Deleting an account that is the last owner of one or more organizations. */
  USER_IS_LAST_OWNER: {
    kind: "bad_request",
    message: "Cannot delete account while being the only owner of an organization",
  },
});
