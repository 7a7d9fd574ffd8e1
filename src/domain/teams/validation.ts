/**
 * Input rules for team names and descriptions: names follow the organization name rules
 * (trimmed, 1..100 UTF-8 bytes, no control characters) and allow only Unicode letters and digits,
 * `-`, `_` and spaces; descriptions are free text up to 1000 bytes.
 */
import { CONTROL, checkName, utf8 } from "../organizations/validation.ts";
import { TeamErrors } from "./errors.ts";

const TEAM_NAME = /^[\p{L}\p{N}\-_ ]+$/u;

/** Returns the stored form of a team name, or throws TEAM_NAME_INVALID. */
export function normalizeTeamName(raw: string): string {
  const name = checkName(raw, "Team", (m) => TeamErrors.TEAM_NAME_INVALID(m));
  if (!TEAM_NAME.test(name)) {
    throw TeamErrors.TEAM_NAME_INVALID(
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
    throw TeamErrors.TEAM_NAME_INVALID(
      `Description must be ${MAX_DESCRIPTION_BYTES} bytes or less`,
    );
  }
  if (CONTROL.test(d.replace(/[\n\t]/g, " "))) {
    throw TeamErrors.TEAM_NAME_INVALID("Description must not contain control characters");
  }
  return d;
}
