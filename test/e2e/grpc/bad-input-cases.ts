/**
 * The table of bad gRPC requests checked by bad-input.test.ts: each names the call, a lazily built
 * request and credential (the fixtures exist only once the test's beforeAll ran) and the typed
 * status, stable code and, for field problems, the field it must answer with.
 */
import { Metadata, status } from "@grpc/grpc-js";
import { bearer, type GrpcUser, type ServiceName } from "./grpc-harness.ts";

/** The fixtures the cases refer to, filled in by the test's beforeAll. */
export interface BadInputEnv {
  user: GrpcUser;
  orgId: string;
  teamId: string;
}

export const LONG = "x".repeat(5000);
export const PASSWORD = "correct horse battery staple";
const FIXED_ID = "1234567890123456789";

export type Auth = "user" | "none" | (() => Metadata);
export interface Case {
  name: string;
  service: ServiceName;
  method: string;
  req: () => Record<string, unknown>;
  auth?: Auth;
  status: number;
  code: string;
  /** A field named in `x-error-details`. */
  field?: string;
}

export function md(env: BadInputEnv, auth: Auth | undefined): Metadata {
  if (auth === "none") return new Metadata();
  if (auth === undefined || auth === "user") return bearer(env.user.token);
  return auth();
}

/** Metadata with this `authorization` value, built when the case runs. */
function raw(authorization: () => string): () => Metadata {
  return () => {
    const m = new Metadata();
    m.set("authorization", authorization());
    return m;
  };
}

const INVALID = status.INVALID_ARGUMENT;
export function badInputCases(env: BadInputEnv): Case[] {
  return [
    // Missing fields (proto3 sends them as empty strings).
    {
      name: "register without fields",
      service: "AuthService",
      method: "Register",
      req: () => ({}),
      auth: "none",
      status: INVALID,
      code: "INVALID_NAME",
      field: "name",
    },
    {
      name: "register without a password",
      service: "AuthService",
      method: "Register",
      req: () => ({ name: "N", email: "np@example.com" }),
      auth: "none",
      status: INVALID,
      code: "INVALID_PASSWORD",
      field: "password",
    },
    {
      name: "register with a name over HTTP's outer bound",
      service: "AuthService",
      method: "Register",
      req: () => ({ name: LONG, email: "long@example.com", password: PASSWORD }),
      auth: "none",
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "name",
    },
    {
      name: "register with a name over the 100-byte rule",
      service: "AuthService",
      method: "Register",
      req: () => ({ name: "n".repeat(101), email: "long@example.com", password: PASSWORD }),
      auth: "none",
      status: INVALID,
      code: "INVALID_NAME",
      field: "name",
    },
    {
      name: "register with 101 bytes of unicode name",
      service: "AuthService",
      method: "Register",
      req: () => ({ name: "é".repeat(51), email: "uni@example.com", password: PASSWORD }),
      auth: "none",
      status: INVALID,
      code: "INVALID_NAME",
    },
    {
      name: "register with a control character",
      service: "AuthService",
      method: "Register",
      req: () => ({ name: "a\u0007b", email: "bell@example.com", password: PASSWORD }),
      auth: "none",
      status: INVALID,
      code: "INVALID_NAME",
    },
    {
      name: "login with an unknown address",
      service: "AuthService",
      method: "LoginPassword",
      req: () => ({ email: "nobody@example.com", password: PASSWORD }),
      auth: "none",
      status: status.UNAUTHENTICATED,
      code: "INVALID_CREDENTIALS",
    },
    {
      name: "verify with a garbage token",
      service: "AuthService",
      method: "VerifyEmail",
      req: () => ({ token: "garbage.token" }),
      auth: "none",
      status: INVALID,
      code: "INVALID_VERIFICATION_TOKEN",
    },
    {
      name: "verify with a token over HTTP's outer bound",
      service: "AuthService",
      method: "VerifyEmail",
      req: () => ({ token: LONG }),
      auth: "none",
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "token",
    },
    // Credentials.
    {
      name: "GetMe without credentials",
      service: "UserService",
      method: "GetMe",
      req: () => ({}),
      auth: "none",
      status: status.UNAUTHENTICATED,
      code: "NO_SESSION",
    },
    {
      name: "GetMe with a forged credential",
      service: "UserService",
      method: "GetMe",
      req: () => ({}),
      auth: raw(() => `Bearer ${FIXED_ID}.${"A".repeat(43)}`),
      status: status.UNAUTHENTICATED,
      code: "INVALID_SESSION",
    },
    {
      name: "GetMe with another user's id and this user's secret",
      service: "UserService",
      method: "GetMe",
      req: () => ({}),
      auth: raw(() => `Bearer ${FIXED_ID}.${env.user.token.split(".")[1]}`),
      status: status.UNAUTHENTICATED,
      code: "INVALID_SESSION",
    },
    {
      name: "GetMe with a Basic credential",
      service: "UserService",
      method: "GetMe",
      req: () => ({}),
      auth: raw(() => "Basic dXNlcjpwYXNz"),
      status: status.UNAUTHENTICATED,
      code: "INVALID_SESSION",
    },
    {
      name: "GetMe with a Bearer scheme and no token",
      service: "UserService",
      method: "GetMe",
      req: () => ({}),
      auth: raw(() => "Bearer"),
      status: status.UNAUTHENTICATED,
      code: "INVALID_SESSION",
    },
    {
      name: "org Get without credentials",
      service: "OrganizationService",
      method: "Get",
      req: () => ({ organization_id: env.orgId }),
      auth: "none",
      status: status.UNAUTHENTICATED,
      code: "NO_SESSION",
    },
    // Ids.
    ...["", "abc", "0", "-1", "01", "99999999999999999999", "1 2", "١٢٣"].map(
      (bad): Case => ({
        name: `org Get with id ${JSON.stringify(bad)}`,
        service: "OrganizationService",
        method: "Get",
        req: () => ({ organization_id: bad }),
        status: INVALID,
        code: "INVALID_ID",
        field: "organization_id",
      }),
    ),
    {
      name: "org Get of an unknown organization",
      service: "OrganizationService",
      method: "Get",
      req: () => ({ organization_id: FIXED_ID }),
      status: status.NOT_FOUND,
      code: "ORG_NOT_FOUND",
    },
    {
      name: "team Get with a bad team id",
      service: "TeamService",
      method: "GetTeam",
      req: () => ({ organization_id: env.orgId, team_id: "team-1" }),
      status: INVALID,
      code: "INVALID_ID",
      field: "team_id",
    },
    {
      name: "revoke a session with a bad id",
      service: "UserService",
      method: "RevokeSession",
      req: () => ({ session_id: "x" }),
      status: INVALID,
      code: "INVALID_ID",
      field: "session_id",
    },
    {
      name: "transfer ownership to a bad user id",
      service: "OrganizationService",
      method: "TransferOwnership",
      req: () => ({ organization_id: env.orgId, new_owner_user_id: "me" }),
      status: INVALID,
      code: "INVALID_ID",
      field: "new_owner_user_id",
    },
    // Fields HTTP requires that proto3 can tell missing.
    {
      name: "set primary without is_primary",
      service: "UserService",
      method: "SetPrimaryEmail",
      req: () => ({ email_id: FIXED_ID }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "is_primary",
    },
    {
      name: "update a team member without manager",
      service: "TeamService",
      method: "UpdateTeamMember",
      req: () => ({ organization_id: env.orgId, team_id: env.teamId, member_id: FIXED_ID }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "manager",
    },
    // Enums and numbers.
    {
      name: "invite with an unknown role",
      service: "OrganizationService",
      method: "CreateInvitation",
      req: () => ({ organization_id: env.orgId, email: "r@example.com", role: "owner" }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "role",
    },
    {
      name: "grant an unknown permission",
      service: "TeamService",
      method: "GrantTeamPermission",
      req: () => ({ organization_id: env.orgId, team_id: env.teamId, permission: "ROOT" }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "permission",
    },
    {
      name: "list members with a negative offset",
      service: "OrganizationService",
      method: "ListMembers",
      req: () => ({ organization_id: env.orgId, offset: -1 }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "offset",
    },
    {
      name: "audit log with a date that is not RFC 3339",
      service: "OrganizationService",
      method: "ListAuditLogs",
      req: () => ({ organization_id: env.orgId, start_date: "yesterday" }),
      status: INVALID,
      code: "AUDIT_QUERY_INVALID",
    },
    {
      name: "audit log with a forged cursor",
      service: "OrganizationService",
      method: "ListAuditLogs",
      req: () => ({ organization_id: env.orgId, cursor: "bm9wZQ" }),
      status: INVALID,
      code: "AUDIT_QUERY_INVALID",
    },
    {
      name: "audit log with a bad actor id",
      service: "OrganizationService",
      method: "ListAuditLogs",
      req: () => ({ organization_id: env.orgId, actor: "alice" }),
      status: INVALID,
      code: "INVALID_ID",
      field: "actor",
    },
    // Strings the domain rules refuse.
    {
      name: "create an organization with a name over HTTP's outer bound",
      service: "OrganizationService",
      method: "Create",
      req: () => ({ name: LONG }),
      status: INVALID,
      code: "VALIDATION_FAILED",
      field: "name",
    },
    {
      name: "create an organization with a name over the domain rule",
      service: "OrganizationService",
      method: "Create",
      req: () => ({ name: "組".repeat(200) }),
      status: INVALID,
      code: "ORG_NAME_INVALID",
    },
    {
      name: "create an organization with an empty name",
      service: "OrganizationService",
      method: "Create",
      req: () => ({}),
      status: INVALID,
      code: "ORG_NAME_INVALID",
    },
    {
      name: "create a team with an over-long description",
      service: "TeamService",
      method: "CreateTeam",
      req: () => ({ organization_id: env.orgId, name: "D", description: "ü".repeat(600) }),
      status: INVALID,
      code: "TEAM_NAME_INVALID",
    },
    {
      name: "add an address that is not one",
      service: "UserService",
      method: "AddEmail",
      req: () => ({ email: "not-an-address" }),
      status: INVALID,
      code: "INVALID_EMAIL",
    },
    {
      name: "an Idempotency-Key that is too long",
      service: "OrganizationService",
      method: "Create",
      req: () => ({ name: "Idem" }),
      auth: undefined,
      status: INVALID,
      code: "INVALID_ARGUMENT",
    },
  ];
}
