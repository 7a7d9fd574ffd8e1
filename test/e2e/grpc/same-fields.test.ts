/**
 * One input schema per use case: the same malformed input sent over HTTP (422 VALIDATION_FAILED,
 * `details` in the body) and over gRPC (INVALID_ARGUMENT VALIDATION_FAILED, `x-error-details`
 * trailer) names the same fields with the same messages, because both fronts check it against
 * the schema in src/services/<feature>/inputs.ts. Uses a real signed-in user on one server.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Metadata, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { bearer, GrpcClients, type ServiceName, signUpGrpc } from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let token: string;
let orgId: string;
let teamId: string;
let memberId: string;

const PASSWORD = "correct horse battery staple";
const LONG_NAME = "n".repeat(401);
const LONG_DESCRIPTION = "d".repeat(4001);
const LONG_EMAIL = `${"e".repeat(320)}@example.com`;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  token = (await signUpGrpc(g, server, "Same Fields")).token;
  const org = await g.ok("OrganizationService", "Create", { name: "Same" }, bearer(token));
  orgId = (org.organization as { id: string }).id;
  const team = await g.ok(
    "TeamService",
    "CreateTeam",
    { organization_id: orgId, name: "T" },
    bearer(token),
  );
  teamId = (team.team as { id: string }).id;
  const members = await g.ok(
    "OrganizationService",
    "ListMembers",
    { organization_id: orgId },
    bearer(token),
  );
  memberId = (members.members as { id: string }[])[0]?.id as string;
});
afterAll(async () => {
  g.close();
  await server.close();
});

interface Problem {
  field: string;
  message: string;
}

/** The same input through both doors: the HTTP route and the gRPC method of one use case. */
interface Pair {
  name: string;
  http: { method: string; path: () => string; body: Record<string, unknown>; auth: boolean };
  grpc: { service: ServiceName; method: string; req: () => Record<string, unknown> };
  /** The fields both must name. */
  fields: string[];
}

const PAIRS: Pair[] = [
  {
    name: "team create with an over-long name",
    http: {
      method: "POST",
      path: () => `/v1/organizations/${orgId}/teams`,
      body: { name: LONG_NAME },
      auth: true,
    },
    grpc: {
      service: "TeamService",
      method: "CreateTeam",
      req: () => ({ organization_id: orgId, name: LONG_NAME }),
    },
    fields: ["name"],
  },
  {
    name: "team create with an over-long description",
    http: {
      method: "POST",
      path: () => `/v1/organizations/${orgId}/teams`,
      body: { name: "Fine", description: LONG_DESCRIPTION },
      auth: true,
    },
    grpc: {
      service: "TeamService",
      method: "CreateTeam",
      req: () => ({ organization_id: orgId, name: "Fine", description: LONG_DESCRIPTION }),
    },
    fields: ["description"],
  },
  {
    name: "team create with both over-long",
    http: {
      method: "POST",
      path: () => `/v1/organizations/${orgId}/teams`,
      body: { name: LONG_NAME, description: LONG_DESCRIPTION },
      auth: true,
    },
    grpc: {
      service: "TeamService",
      method: "CreateTeam",
      req: () => ({ organization_id: orgId, name: LONG_NAME, description: LONG_DESCRIPTION }),
    },
    fields: ["name", "description"],
  },
  {
    name: "team update with an over-long description",
    http: {
      method: "PATCH",
      path: () => `/v1/organizations/${orgId}/teams/${teamId}`,
      body: { description: LONG_DESCRIPTION },
      auth: true,
    },
    grpc: {
      service: "TeamService",
      method: "UpdateTeam",
      req: () => ({ organization_id: orgId, team_id: teamId, description: LONG_DESCRIPTION }),
    },
    fields: ["description"],
  },
  {
    name: "team permission grant with an unknown permission",
    http: {
      method: "POST",
      path: () => `/v1/organizations/${orgId}/teams/${teamId}/permissions`,
      body: { permission: "ORG_PERM_EVERYTHING" },
      auth: true,
    },
    grpc: {
      service: "TeamService",
      method: "GrantTeamPermission",
      req: () => ({ organization_id: orgId, team_id: teamId, permission: "ORG_PERM_EVERYTHING" }),
    },
    fields: ["permission"],
  },
  {
    name: "member role change with an unknown role",
    http: {
      method: "PATCH",
      path: () => `/v1/organizations/${orgId}/members/${memberId}`,
      body: { role: "SUPERUSER" },
      auth: true,
    },
    grpc: {
      service: "OrganizationService",
      method: "UpdateMemberRole",
      req: () => ({ organization_id: orgId, member_id: memberId, role: "SUPERUSER" }),
    },
    fields: ["role"],
  },
  {
    name: "invitation with an over-long email and an unknown role",
    http: {
      method: "POST",
      path: () => `/v1/organizations/${orgId}/invitations`,
      body: { email: LONG_EMAIL, role: "owner" },
      auth: true,
    },
    grpc: {
      service: "OrganizationService",
      method: "CreateInvitation",
      req: () => ({ organization_id: orgId, email: LONG_EMAIL, role: "owner" }),
    },
    fields: ["email", "role"],
  },
  {
    name: "register with an over-long email",
    http: {
      method: "POST",
      path: () => "/v1/auth/register",
      body: { name: "Long Mail", email: LONG_EMAIL, password: PASSWORD },
      auth: false,
    },
    grpc: {
      service: "AuthService",
      method: "Register",
      req: () => ({ name: "Long Mail", email: LONG_EMAIL, password: PASSWORD }),
    },
    fields: ["email"],
  },
];

async function viaHttp(p: Pair): Promise<Problem[]> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (p.http.auth) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}${p.http.path()}`, {
    method: p.http.method,
    headers,
    body: JSON.stringify(p.http.body),
  });
  const body = (await res.json()) as { code?: string; details?: Problem[] };
  expect(res.status).toBe(422);
  expect(body.code).toBe("VALIDATION_FAILED");
  return body.details ?? [];
}

async function viaGrpc(p: Pair): Promise<Problem[]> {
  const md = p.http.auth ? bearer(token) : new Metadata();
  const { err } = await g.call(p.grpc.service, p.grpc.method, p.grpc.req(), md);
  expect(err?.code).toBe(status.INVALID_ARGUMENT);
  expect(err?.metadata.get("x-error-code")).toEqual(["VALIDATION_FAILED"]);
  return JSON.parse(String(err?.metadata.get("x-error-details")[0] ?? "[]")) as Problem[];
}

const byField = (a: Problem, b: Problem) => a.field.localeCompare(b.field);

describe("the same malformed input names the same fields over HTTP and gRPC", () => {
  test.each(PAIRS.map((p) => [p.name, p] as const))("%s", async (_name, p) => {
    const overHttp = await viaHttp(p);
    const overGrpc = await viaGrpc(p);
    expect(overHttp.map((d) => d.field).sort()).toEqual([...p.fields].sort());
    expect(overGrpc.map((d) => d.field).sort()).toEqual([...p.fields].sort());
    expect([...overGrpc].sort(byField)).toEqual([...overHttp].sort(byField));
  });
});
