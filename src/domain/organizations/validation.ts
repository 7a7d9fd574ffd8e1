/**
 * Input rules for organization and team names (api.md §6.6, §6.10, fixed per §21 #39/#50):
 * trimmed, 1..100 UTF-8 bytes, no control characters. Team names additionally allow only Unicode
 * letters and digits, `-`, `_` and spaces.
 */
import { canonicalEmail } from "../users/validate.ts";
import { OrgErrors } from "./errors.ts";

const MAX_NAME_BYTES = 100;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const TEAM_NAME = /^[\p{L}\p{N}\-_ ]+$/u;
const utf8 = new TextEncoder();

function checkName(raw: string, what: string, fail: (m: string) => Error): string {
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

/** Returns the stored form of a team name, or throws TEAM_NAME_INVALID. */
export function normalizeTeamName(raw: string): string {
  const name = checkName(raw, "Team", (m) => OrgErrors.TEAM_NAME_INVALID(m));
  if (!TEAM_NAME.test(name)) {
    throw OrgErrors.TEAM_NAME_INVALID(
      "Team name must contain only letters, digits, hyphens, underscores and spaces",
    );
  }
  return name;
}

const MAX_DESCRIPTION_BYTES = 1000;

/** Team descriptions are free text up to 1000 bytes without control characters other than newlines. */
export function normalizeDescription(raw: string | undefined | null): string {
  const d = (raw ?? "").trim();
  if (utf8.encode(d).length > MAX_DESCRIPTION_BYTES) {
    throw OrgErrors.TEAM_NAME_INVALID(`Description must be ${MAX_DESCRIPTION_BYTES} bytes or less`);
  }
  if (CONTROL.test(d.replace(/[\n\t]/g, " "))) {
    throw OrgErrors.TEAM_NAME_INVALID("Description must not contain control characters");
  }
  return d;
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
