/**
 * Vault name rule (api.md §6.11): not trimmed; non-empty; at most 100 UTF-8 bytes; Unicode letters
 * and digits, `-`, `_` and space only. Uniqueness (case-insensitive, per organization) is the
 * organization actor's (./entries.ts).
 */
import { VaultErrors } from "./errors.ts";

const ALLOWED = /^[\p{L}\p{N}\-_ ]+$/u;
const encoder = new TextEncoder();

/** The problem with `name`, or null when it is valid. */
export function vaultNameProblem(name: string): string | null {
  if (name.length === 0) return "Vault name cannot be empty";
  if (encoder.encode(name).length > 100) return "Vault name cannot exceed 100 characters";
  if (!ALLOWED.test(name)) {
    return "Vault name must contain only alphanumeric characters, hyphens, underscores, and spaces";
  }
  return null;
}

export function assertVaultName(name: string): void {
  const problem = vaultNameProblem(name);
  if (problem)
    throw VaultErrors.VAULT_NAME_INVALID(problem, {
      details: [{ field: "name", message: problem }],
    });
}

/** The uniqueness key of a name. */
export function nameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
