/** Error catalog of email addresses. */
import { defineErrors } from "../../lib/errors.ts";

export const EmailErrors = defineErrors({
  EMAIL_NOT_FOUND: { kind: "not_found", message: "Email not found" },
  EMAIL_NOT_VERIFIED: { kind: "bad_request", message: "Cannot set unverified email as primary" },
  EMAIL_ALREADY_VERIFIED: { kind: "bad_request", message: "Email already verified" },
  INVALID_PRIMARY_CHANGE: { kind: "bad_request", message: "Can only set emails as primary" },
  PRIMARY_EMAIL_DELETE: {
    kind: "bad_request",
    message: "Cannot delete primary email. Set another email as primary first.",
  },
  LAST_EMAIL_DELETE: { kind: "bad_request", message: "Cannot delete the only email address" },
  TOO_MANY_EMAILS: { kind: "bad_request", message: "Too many email addresses" },
  INVALID_VERIFICATION_TOKEN: {
    kind: "bad_request",
    message: "Invalid or expired verification token",
  },
});
