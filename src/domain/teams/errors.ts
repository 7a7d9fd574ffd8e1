/**
 * Error catalog of teams, team members and team permissions. Codes are stable and tested;
 * messages are for humans.
 */
import { defineErrors } from "../../lib/errors.ts";

export const TeamErrors = defineErrors({
  TEAM_LIMIT: {
    kind: "payment_required",
    message: "Organization has reached the maximum number of teams for its tier",
  },
  TEAM_NOT_FOUND: { kind: "not_found", message: "Team not found" },
  TEAM_NAME_INVALID: { kind: "bad_request", message: "Invalid team name" },
  TEAM_NAME_TAKEN: {
    kind: "conflict",
    message: "A team with this name already exists in this organization",
  },
  TEAM_MEMBER_NOT_FOUND: { kind: "not_found", message: "Team member not found" },
  TEAM_MEMBER_EXISTS: { kind: "conflict", message: "User is already a member of this team" },
  TEAM_MEMBER_NOT_ORG_MEMBER: {
    kind: "bad_request",
    message: "User is not a member of this organization",
  },
  TEAM_PERMISSION_NOT_FOUND: { kind: "not_found", message: "Team permission not found" },
  TEAM_PERMISSION_EXISTS: { kind: "conflict", message: "Team already has this permission" },
});
