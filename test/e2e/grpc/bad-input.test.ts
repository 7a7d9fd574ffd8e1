/**
 * Bad input to the gRPC account and organization services over a real socket: missing fields,
 * wrong wire types, over-long and unicode strings, bad ids, bad enum spellings, negative pages,
 * missing and forged credentials, undecodable messages. Each answers a typed status (never
 * INTERNAL) with the stable code, the request id and, for field problems, `x-error-details`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  bearer,
  GrpcClients,
  type GrpcUser,
  http,
  type ServiceName,
  signUpGrpc,
} from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let user: GrpcUser;
let orgId: string;
let teamId: string;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  user = await signUpGrpc(g, server, "Bad Input");
  const org = await g.ok("OrganizationService", "Create", { name: "Inputs" }, bearer(user.token));
  orgId = (org.organization as { id: string }).id;
  const team = await g.ok(
    "TeamService",
    "CreateTeam",
    { organization_id: orgId, name: "T" },
    bearer(user.token),
  );
  teamId = (team.team as { id: string }).id;
});
afterAll(async () => {
  g.close();
  await server.close();
});

const LONG = "x".repeat(5000);
const PASSWORD = "correct horse battery staple";
const FIXED_ID = "1234567890123456789";

type Auth = "user" | "none" | (() => Metadata);
interface Case {
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

function md(auth: Auth | undefined): Metadata {
  if (auth === "none") return new Metadata();
  if (auth === undefined || auth === "user") return bearer(user.token);
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
const CASES: Case[] = [
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
    auth: raw(() => `Bearer ${FIXED_ID}.${user.token.split(".")[1]}`),
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
    req: () => ({ organization_id: orgId }),
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
    req: () => ({ organization_id: orgId, team_id: "team-1" }),
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
    req: () => ({ organization_id: orgId, new_owner_user_id: "me" }),
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
    req: () => ({ organization_id: orgId, team_id: teamId, member_id: FIXED_ID }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "manager",
  },
  // Enums and numbers.
  {
    name: "invite with an unknown role",
    service: "OrganizationService",
    method: "CreateInvitation",
    req: () => ({ organization_id: orgId, email: "r@example.com", role: "owner" }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "role",
  },
  {
    name: "grant an unknown permission",
    service: "TeamService",
    method: "GrantTeamPermission",
    req: () => ({ organization_id: orgId, team_id: teamId, permission: "ROOT" }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "permission",
  },
  {
    name: "list members with a negative offset",
    service: "OrganizationService",
    method: "ListMembers",
    req: () => ({ organization_id: orgId, offset: -1 }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "offset",
  },
  {
    name: "audit log with a date that is not RFC 3339",
    service: "OrganizationService",
    method: "ListAuditLogs",
    req: () => ({ organization_id: orgId, start_date: "yesterday" }),
    status: INVALID,
    code: "AUDIT_QUERY_INVALID",
  },
  {
    name: "audit log with a forged cursor",
    service: "OrganizationService",
    method: "ListAuditLogs",
    req: () => ({ organization_id: orgId, cursor: "bm9wZQ" }),
    status: INVALID,
    code: "AUDIT_QUERY_INVALID",
  },
  {
    name: "audit log with a bad actor id",
    service: "OrganizationService",
    method: "ListAuditLogs",
    req: () => ({ organization_id: orgId, actor: "alice" }),
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
    req: () => ({ organization_id: orgId, name: "D", description: "ü".repeat(600) }),
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
// The last case needs the key in its metadata.
const idem = CASES.at(-1) as Case;
idem.auth = "user";
const withKey = (c: Case) =>
  c === idem ? bearer(user.token, { "idempotency-key": "k".repeat(300) }) : md(c.auth);

function expectTyped(
  err: ServiceError | null | undefined,
  c: Pick<Case, "status" | "code" | "field">,
) {
  expect(err).toBeDefined();
  expect(err?.code).toBe(c.status);
  expect(err?.metadata.get("x-error-code")).toEqual([c.code]);
  expect(err?.metadata.get("x-request-id")[0]).toBeString();
  if (c.field) {
    const details = JSON.parse(String(err?.metadata.get("x-error-details")[0])) as {
      field: string;
    }[];
    expect(details.map((d) => d.field)).toContain(c.field);
  }
}

describe("gRPC bad input → typed statuses", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { err } = await g.call(c.service, c.method, c.req(), withKey(c));
    expectTyped(err, c);
  });

  test("a message that does not decode is INVALID_ARGUMENT, not INTERNAL", async () => {
    const client = g.client("OrganizationService");
    const send = (bytes: Buffer) =>
      new Promise<ServiceError | null>((resolve) => {
        client.makeUnaryRequest(
          "/inferadb.management.v1.OrganizationService/Get",
          () => bytes,
          (b: Buffer) => b,
          {},
          bearer(user.token),
          (err) => resolve(err),
        );
      });
    // A tag with an unterminated varint: not a protobuf message at all.
    expectTyped(await send(Buffer.from([0xff, 0xff, 0xff])), {
      status: INVALID,
      code: "INVALID_ARGUMENT",
    });
  });

  test("a field sent with another wire type than declared is still typed, never INTERNAL", async () => {
    const client = g.client("OrganizationService");
    const err = await new Promise<ServiceError | null>((resolve) => {
      client.makeUnaryRequest(
        "/inferadb.management.v1.OrganizationService/Get",
        // organization_id (field 1, a string) as the varint 150.
        () => Buffer.from([0x08, 0x96, 0x01]),
        (b: Buffer) => b,
        {},
        bearer(user.token),
        (e) => resolve(e),
      );
    });
    expect(err?.code).toBe(INVALID);
    expect(["INVALID_ARGUMENT", "INVALID_ID"]).toContain(
      String(err?.metadata.get("x-error-code")[0]),
    );
  });

  test("HTTP refuses the same input with the same code", async () => {
    const pairs: [ServiceName, string, Record<string, unknown>, string, string, unknown][] = [
      [
        "AuthService",
        "Register",
        { name: LONG, email: "p@example.com", password: PASSWORD },
        "POST",
        "/v1/auth/register",
        { name: LONG, email: "p@example.com", password: PASSWORD },
      ],
      [
        "AuthService",
        "LoginPassword",
        { email: "p@example.com", password: LONG },
        "POST",
        "/v1/auth/login/password",
        { email: "p@example.com", password: LONG },
      ],
      [
        "OrganizationService",
        "Create",
        { name: "組".repeat(200) },
        "POST",
        "/v1/organizations",
        { name: "組".repeat(200) },
      ],
      [
        "OrganizationService",
        "Get",
        { organization_id: "abc" },
        "GET",
        "/v1/organizations/abc",
        undefined,
      ],
      [
        "UserService",
        "AddEmail",
        { email: "not-an-address" },
        "POST",
        "/v1/users/emails",
        { email: "not-an-address" },
      ],
    ];
    for (const [service, method, req, verb, path, body] of pairs) {
      const { err } = await g.call(service, method, req, bearer(user.token));
      const viaHttp = await http(server, verb, path, user.token, body);
      expect(err?.metadata.get("x-error-code")).toEqual([viaHttp.body.code as string]);
    }
  });

  test("the caller's x-request-id comes back on errors", async () => {
    const m = new Metadata();
    m.set("x-request-id", "grpc-bad-input-1");
    const { err } = await g.call("UserService", "GetMe", {}, m);
    expect(err?.metadata.get("x-request-id")).toEqual(["grpc-bad-input-1"]);
  });

  test("a non-member asking for an organization gets NOT_FOUND (tenant isolation)", async () => {
    const other = await signUpGrpc(g, server, "Outsider");
    const { err } = await g.call(
      "OrganizationService",
      "Get",
      { organization_id: orgId },
      bearer(other.token),
    );
    expectTyped(err, { status: status.NOT_FOUND, code: "ORG_NOT_FOUND" });
  });
});
