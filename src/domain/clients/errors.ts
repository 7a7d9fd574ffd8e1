/** Error catalog of clients and certificates. Codes are stable and tested; messages are for humans. */
import { defineErrors } from "../../lib/errors.ts";

export const ClientErrors = defineErrors({
  CLIENT_NOT_FOUND: { kind: "not_found", message: "Client not found" },
  CLIENT_NAME_INVALID: { kind: "bad_request", message: "Invalid client name" },
  CLIENT_NAME_TAKEN: {
    kind: "conflict",
    message: "A client with this name already exists in this organization",
  },
  CLIENT_LIMIT: {
    kind: "payment_required",
    message: "Organization has reached the maximum number of clients",
  },
  CLIENT_INACTIVE: {
    kind: "bad_request",
    message: "Cannot create certificate for a deactivated client",
  },
  CERTIFICATE_NOT_FOUND: { kind: "not_found", message: "Certificate not found" },
  CERTIFICATE_NAME_INVALID: { kind: "bad_request", message: "Invalid certificate name" },
  CERTIFICATE_LIMIT: {
    kind: "payment_required",
    message: "Client has reached the maximum number of certificates",
  },
  CERTIFICATE_ALREADY_REVOKED: { kind: "bad_request", message: "Certificate is already revoked" },
});
