/**
 * Error catalog of organizations, members, invitations and authorization (teams: ../teams/errors.ts). Codes are stable
 * and tested; messages are for humans.
 */
import { defineErrors } from "../../lib/errors.ts";

export const OrgErrors = defineErrors({
  ORG_NOT_FOUND: { kind: "not_found", message: "Organization not found" },
  ORG_FORBIDDEN: { kind: "forbidden", message: "You do not have permission to do this" },
  ORG_SUSPENDED: {
    kind: "forbidden",
    message: "This organization is suspended; only reads are allowed until an owner resumes it",
  },
  ORG_NOT_SUSPENDED: { kind: "conflict", message: "Organization is not suspended" },
  ORG_ALREADY_SUSPENDED: { kind: "conflict", message: "Organization is already suspended" },
  ORG_NAME_INVALID: { kind: "bad_request", message: "Invalid organization name" },
  ORG_EXISTS: { kind: "conflict", message: "Organization already exists" },
  EMAIL_NOT_VERIFIED: {
    kind: "bad_request",
    message: "You must verify your email before creating an organization",
  },
  USER_ORG_LIMIT: {
    kind: "payment_required",
    message: "You have reached the maximum number of organizations (10)",
  },
  GLOBAL_ORG_LIMIT: {
    kind: "payment_required",
    message: "Global organization limit reached. Please contact support.",
  },
  MEMBER_LIMIT: {
    kind: "payment_required",
    message: "Organization has reached the maximum number of members for its tier",
  },
  MEMBER_NOT_FOUND: { kind: "not_found", message: "Member not found" },
  ALREADY_MEMBER: { kind: "conflict", message: "User is already a member of this organization" },
  LAST_OWNER: {
    kind: "bad_request",
    message: "The last owner cannot be removed, demoted or leave; transfer ownership first",
  },
  TRANSFER_TO_SELF: { kind: "bad_request", message: "Cannot transfer ownership to yourself" },
  TRANSFER_TARGET_NOT_MEMBER: {
    kind: "not_found",
    message: "The specified user is not a member of this organization",
  },
  INVITATION_NOT_FOUND: { kind: "not_found", message: "Invitation not found" },
  INVITATION_INVALID: { kind: "not_found", message: "Invalid or expired invitation" },
  INVITATION_EXISTS: { kind: "conflict", message: "An invitation for this email already exists" },
  INVITATION_EMAIL_MISMATCH: {
    kind: "forbidden",
    message: "This invitation was sent to an address you have not verified",
  },
  INVITATION_EMAIL_INVALID: { kind: "bad_request", message: "Invalid email address" },
  INVITATION_LIMIT: {
    kind: "payment_required",
    message: "Organization has reached the maximum number of pending invitations for its tier",
  },
  INVITATION_RATE_LIMITED: {
    kind: "rate_limited",
    message: "Too many invitation mails for this organization or address; retry later",
  },
  ACCOUNT_BEING_DELETED: {
    kind: "conflict",
    message: "This account is being deleted",
  },
  AUDIT_QUERY_INVALID: { kind: "bad_request", message: "Invalid audit log query" },
});
