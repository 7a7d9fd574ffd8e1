/** Error catalog of vaults and vault grants. Codes are stable and tested. */
import { defineErrors } from "../../lib/errors.ts";

export const VaultErrors = defineErrors({
  VAULT_NOT_FOUND: { kind: "not_found", message: "Vault not found" },
  VAULT_FORBIDDEN: { kind: "forbidden", message: "Your vault role does not allow this" },
  VAULT_LIMIT: {
    kind: "payment_required",
    message: "Organization has reached the maximum number of vaults for its tier",
  },
  VAULT_NAME_INVALID: { kind: "bad_request", message: "Invalid vault name" },
  VAULT_NAME_TAKEN: {
    kind: "conflict",
    message: "A vault with this name already exists in this organization",
  },
  VAULT_CHANGE_INTERRUPTED: {
    kind: "unavailable",
    message: "The vault change was interrupted; retry",
  },
  GRANT_NOT_FOUND: { kind: "not_found", message: "Grant not found" },
  USER_GRANT_EXISTS: { kind: "conflict", message: "User already has access to this vault" },
  TEAM_GRANT_EXISTS: { kind: "conflict", message: "Team already has access to this vault" },
  CLIENT_GRANT_EXISTS: { kind: "conflict", message: "Client already has access to this vault" },
  GRANT_USER_NOT_MEMBER: {
    kind: "bad_request",
    message: "User is not a member of this organization",
  },
  GRANT_TEAM_NOT_FOUND: { kind: "bad_request", message: "Team not found in this organization" },
  GRANT_CLIENT_NOT_FOUND: {
    kind: "bad_request",
    message: "Client not found in this organization",
  },
});
