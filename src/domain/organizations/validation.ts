/**
 * Input rules for organization names and invitee addresses: names are trimmed, 1..100 UTF-8
 * bytes, no control characters (team names add their own rules in ../teams/validation.ts).
 */
import { canonicalEmail } from "../users/validate.ts";
import { OrgErrors } from "./errors.ts";

const MAX_NAME_BYTES = 100;
/** Control and format characters (plus the Unicode line separators). */
export const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
export const utf8 = new TextEncoder();

/** A trimmed name of 1..100 UTF-8 bytes without control characters, or `fail(message)`. */
export function checkName(raw: string, what: string, fail: (m: string) => Error): string {
  const name = raw.trim();
  if (name.length === 0) throw fail(`${what} name cannot be empty`);
  if (utf8.encode(name).length > MAX_NAME_BYTES) {
    throw fail(`${what} name must be ${MAX_NAME_BYTES} bytes or less`);
  }
  if (CONTROL.test(name)) throw fail(`${what} name must not contain control characters`);
  return name;
}

/** Returns the stored form of an organization name, or throws ORG_NAME_INVALID. */
export function normalizeOrgName(raw: string): string {
  return checkName(raw, "Organization", (m) => OrgErrors.ORG_NAME_INVALID(m));
}

/**
 * An invitee address in the same canonical form as users' addresses (`canonicalEmail`), so an
 * invitation matches the invitee's verified address exactly; INVITATION_EMAIL_INVALID otherwise.
 */
export function normalizeInviteEmail(raw: string): string {
  const c = canonicalEmail(raw);
  if ("problem" in c) throw OrgErrors.INVITATION_EMAIL_INVALID(c.problem);
  return c.email;
}
