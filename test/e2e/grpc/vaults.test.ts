/**
 * gRPC `VaultService` over a real socket (standalone engine mode): the same objects as HTTP field
 * by field through a create / get / list / grant / update / delete flow (either front reads what
 * the other wrote), bad input on every method (a typed status with our `x-error-code`, never
 * INTERNAL), and the same fields as HTTP for malformed inputs.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { ClientKeys } from "../../../src/domain/clients/keys.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  asProto,
  bearer,
  GrpcClients,
  type GrpcUser,
  http,
  signUpGrpc,
  tokenIn,
} from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let owner: GrpcUser;
let bob: GrpcUser;
let orgId: string;
let teamId: string;
let vaultId: string;

const FIXED_ID = "1234567890123456789";
/** A client of the organization, written where the client issue will keep clients (A16). */
const CLIENT_ID = "900000000000000003";
const V = () => `/v1/organizations/${orgId}/vaults`;
const ok = (method: string, req: Record<string, unknown>, u: GrpcUser = owner) =>
  g.ok("VaultService", method, req, bearer(u.token));

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  owner = await signUpGrpc(g, server, "Vault Owner");
  bob = await signUpGrpc(g, server, "Vault Bob");
  const org = await g.ok("OrganizationService", "Create", { name: "Vaults" }, bearer(owner.token));
  orgId = (org.organization as { id: string }).id;
  const team = await g.ok(
    "TeamService",
    "CreateTeam",
    { organization_id: orgId, name: "Ops" },
    bearer(owner.token),
  );
  teamId = (team.team as { id: string }).id;
  const inv = await g.ok(
    "OrganizationService",
    "CreateInvitation",
    { organization_id: orgId, email: bob.email, role: "MEMBER" },
    bearer(owner.token),
  );
  const invitationId = (inv.invitation as { id: string }).id;
  const mail = await server.smtp!.waitForMail(
    (m) => m.to.includes(bob.email) && m.text.includes(`token=${invitationId}.`),
  );
  await g.ok(
    "OrganizationService",
    "AcceptInvitation",
    { token: tokenIn(mail) },
    bearer(bob.token),
  );
  const v = await ok("CreateVault", { organization_id: orgId, name: "Fixture" });
  vaultId = (v.vault as { id: string }).id;
});
afterAll(async () => {
  g.close();
  await server.close();
});

describe("VaultService agrees with HTTP field by field", () => {
  test("create / get / list / update / delete a vault", async () => {
    const created = await ok("CreateVault", {
      organization_id: orgId,
      name: "Prod policies",
      description: "main",
    });
    const vault = created.vault as Record<string, unknown>;
    expect(vault).toMatchObject({
      organization_id: orgId,
      name: "Prod policies",
      description: "main",
      sync_status: "SYNCED",
    });
    expect(vault.sync_error).toBeUndefined();
    expect(vault.deleted_at).toBeUndefined();
    const id = vault.id as string;

    const viaHttp = await http(server, "GET", `${V()}/${id}`, owner.token);
    expect(viaHttp.status).toBe(200);
    expect(created).toEqual(asProto(viaHttp.body) as Record<string, unknown>);
    const got = await ok("GetVault", { organization_id: orgId, vault_id: id });
    expect(got).toEqual(created);

    const list = await ok("ListVaults", { organization_id: orgId, limit: 100 });
    const hl = await http(server, "GET", `${V()}?limit=100`, owner.token);
    expect(list).toEqual(asProto(hl.body) as Record<string, unknown>);
    expect((list.vaults as { id: string }[]).map((x) => x.id)).toContain(id);

    // An HTTP-created vault reads the same over gRPC.
    const hc = await http(server, "POST", V(), owner.token, { name: "From HTTP" });
    expect(hc.status).toBe(201);
    const hid = (hc.body.vault as { id: string }).id;
    expect(await ok("GetVault", { organization_id: orgId, vault_id: hid })).toEqual(
      asProto(hc.body) as Record<string, unknown>,
    );

    const renamed = await ok("UpdateVault", { organization_id: orgId, vault_id: id, name: "Prod" });
    expect(renamed.vault).toMatchObject({ name: "Prod", description: "main" });
    const hu = await http(server, "GET", `${V()}/${id}`, owner.token);
    expect(renamed).toEqual(asProto(hu.body) as Record<string, unknown>);
    // Only the description: the name is left unchanged.
    const described = await ok("UpdateVault", {
      organization_id: orgId,
      vault_id: id,
      description: "d2",
    });
    expect(described.vault).toMatchObject({ name: "Prod", description: "d2" });

    expect(await ok("DeleteVault", { organization_id: orgId, vault_id: id })).toEqual({});
    expect((await http(server, "GET", `${V()}/${id}`, owner.token)).body.code).toBe(
      "VAULT_NOT_FOUND",
    );
    const { err } = await g.call(
      "VaultService",
      "GetVault",
      { organization_id: orgId, vault_id: id },
      bearer(owner.token),
    );
    expect(err?.code).toBe(status.NOT_FOUND);
    expect(err?.metadata.get("x-error-code")).toEqual(["VAULT_NOT_FOUND"]);
    await http(server, "DELETE", `${V()}/${hid}`, owner.token);
  });

  test("user grants: create / get / list / update / delete", async () => {
    const ids = { organization_id: orgId, vault_id: vaultId };
    const created = await ok("CreateUserGrant", { ...ids, user_id: bob.id, role: "WRITER" });
    const grant = created.grant as Record<string, unknown>;
    expect(grant).toMatchObject({
      vault_id: vaultId,
      user_id: bob.id,
      role: "WRITER",
      granted_by_user_id: owner.id,
    });
    const path = `${V()}/${vaultId}/user-grants`;
    const hg = await http(server, "GET", `${path}/${grant.id}`, owner.token);
    expect(hg.status).toBe(200);
    expect(created).toEqual(asProto(hg.body) as Record<string, unknown>);
    expect(await ok("GetUserGrant", { ...ids, grant_id: grant.id })).toEqual(created);

    const list = await ok("ListUserGrants", ids);
    expect(list).toEqual(
      asProto((await http(server, "GET", path, owner.token)).body) as Record<string, unknown>,
    );
    // The creator's ADMIN grant and bob's.
    expect((list.grants as { user_id: string }[]).map((x) => x.user_id).sort()).toEqual(
      [owner.id, bob.id].sort(),
    );
    // Bob, a WRITER, reads the grants too.
    expect(await ok("ListUserGrants", ids, bob)).toEqual(list);

    const dup = await g.call(
      "VaultService",
      "CreateUserGrant",
      { ...ids, user_id: bob.id, role: "READER" },
      bearer(owner.token),
    );
    expect(dup.err?.code).toBe(status.ALREADY_EXISTS);
    expect(dup.err?.metadata.get("x-error-code")).toEqual(["USER_GRANT_EXISTS"]);

    const updated = await ok("UpdateUserGrant", { ...ids, grant_id: grant.id, role: "MANAGER" });
    expect(updated.grant).toMatchObject({ id: grant.id, role: "MANAGER" });
    const hu = await http(server, "GET", `${path}/${grant.id}`, owner.token);
    expect(updated).toEqual(asProto(hu.body) as Record<string, unknown>);

    expect(await ok("DeleteUserGrant", { ...ids, grant_id: grant.id })).toEqual({});
    expect((await http(server, "GET", `${path}/${grant.id}`, owner.token)).body.code).toBe(
      "GRANT_NOT_FOUND",
    );
  });

  test("team grants: create / get / list / update / delete", async () => {
    const ids = { organization_id: orgId, vault_id: vaultId };
    const created = await ok("CreateTeamGrant", { ...ids, team_id: teamId, role: "READER" });
    const grant = created.grant as Record<string, unknown>;
    expect(grant).toMatchObject({ vault_id: vaultId, team_id: teamId, role: "READER" });
    const path = `${V()}/${vaultId}/team-grants`;
    const hg = await http(server, "GET", `${path}/${grant.id}`, owner.token);
    expect(created).toEqual(asProto(hg.body) as Record<string, unknown>);
    expect(await ok("GetTeamGrant", { ...ids, grant_id: grant.id })).toEqual(created);
    const list = await ok("ListTeamGrants", ids);
    expect(list).toEqual(
      asProto((await http(server, "GET", path, owner.token)).body) as Record<string, unknown>,
    );
    expect(list.pagination).toMatchObject({ total: 1, count: 1, has_more: false });

    const updated = await ok("UpdateTeamGrant", { ...ids, grant_id: grant.id, role: "ADMIN" });
    expect(updated.grant).toMatchObject({ role: "ADMIN" });
    expect(updated).toEqual(
      asProto((await http(server, "GET", `${path}/${grant.id}`, owner.token)).body) as Record<
        string,
        unknown
      >,
    );
    // A team grant id is not a user grant id.
    const cross = await g.call(
      "VaultService",
      "GetUserGrant",
      { ...ids, grant_id: grant.id },
      bearer(owner.token),
    );
    expect(cross.err?.metadata.get("x-error-code")).toEqual(["GRANT_NOT_FOUND"]);

    expect(await ok("DeleteTeamGrant", { ...ids, grant_id: grant.id })).toEqual({});
    expect((await ok("ListTeamGrants", ids)).grants).toEqual([]);
  });

  test("client grants (A16): refused until the client exists, then create / get / list / update / delete", async () => {
    const ids = { organization_id: orgId, vault_id: vaultId };
    const req = { ...ids, client_id: CLIENT_ID, role: "WRITER" };
    const before = await g.call("VaultService", "CreateClientGrant", req, bearer(owner.token));
    expect(before.err?.code).toBe(status.INVALID_ARGUMENT);
    expect(before.err?.metadata.get("x-error-code")).toEqual(["GRANT_CLIENT_NOT_FOUND"]);
    await server.node.kv.transact(async (tx) =>
      tx.set(ClientKeys.client(orgId, CLIENT_ID), new TextEncoder().encode("{}")),
    );
    const created = await ok("CreateClientGrant", req);
    const grant = created.grant as Record<string, unknown>;
    expect(grant).toMatchObject({ vault_id: vaultId, client_id: CLIENT_ID, role: "WRITER" });
    const path = `${V()}/${vaultId}/client-grants`;
    const hg = await http(server, "GET", `${path}/${grant.id}`, owner.token);
    expect(created).toEqual(asProto(hg.body) as Record<string, unknown>);
    expect(await ok("GetClientGrant", { ...ids, grant_id: grant.id })).toEqual(created);
    const list = await ok("ListClientGrants", ids);
    expect(list).toEqual(
      asProto((await http(server, "GET", path, owner.token)).body) as Record<string, unknown>,
    );
    const dup = await g.call("VaultService", "CreateClientGrant", req, bearer(owner.token));
    expect(dup.err?.metadata.get("x-error-code")).toEqual(["CLIENT_GRANT_EXISTS"]);
    const updated = await ok("UpdateClientGrant", { ...ids, grant_id: grant.id, role: "READER" });
    expect(updated.grant).toMatchObject({ role: "READER", client_id: CLIENT_ID });
    // A client grant id is not a team grant id.
    const cross = await g.call(
      "VaultService",
      "GetTeamGrant",
      { ...ids, grant_id: grant.id },
      bearer(owner.token),
    );
    expect(cross.err?.metadata.get("x-error-code")).toEqual(["GRANT_NOT_FOUND"]);
    expect(await ok("DeleteClientGrant", { ...ids, grant_id: grant.id })).toEqual({});
    expect((await ok("ListClientGrants", ids)).grants).toEqual([]);
  });
});

interface BadCase {
  method: string;
  req: () => Record<string, unknown>;
  md?: () => Metadata;
  status: number;
  code: string;
  field?: string;
}

const INVALID = status.INVALID_ARGUMENT;
const vIds = () => ({ organization_id: orgId, vault_id: vaultId });
const GRANT_FAMILIES = [
  ["User", "user_id", () => bob.id],
  ["Team", "team_id", () => teamId],
  ["Client", "client_id", () => CLIENT_ID],
] as const;

/** Per method: bad ids, no credential, an unknown object, and the method's own fields. */
function badCases(): [string, BadCase][] {
  const cases: [string, BadCase][] = [];
  const add = (name: string, c: BadCase) => cases.push([name, c]);
  const methods: [string, () => Record<string, unknown>, string[]][] = [
    ["CreateVault", () => ({ organization_id: orgId, name: "N" }), ["organization_id"]],
    ["ListVaults", () => ({ organization_id: orgId }), ["organization_id"]],
    ["GetVault", vIds, ["organization_id", "vault_id"]],
    ["UpdateVault", () => ({ ...vIds(), description: "x" }), ["organization_id", "vault_id"]],
    ["DeleteVault", vIds, ["organization_id", "vault_id"]],
  ];
  for (const [F, subject, id] of GRANT_FAMILIES) {
    const gIds = () => ({ ...vIds(), grant_id: FIXED_ID });
    methods.push(
      [`Create${F}Grant`, () => ({ ...vIds(), [subject]: id(), role: "READER" }), ["vault_id"]],
      [`List${F}Grants`, vIds, ["vault_id"]],
      [`Get${F}Grant`, gIds, ["vault_id", "grant_id"]],
      [`Update${F}Grant`, () => ({ ...gIds(), role: "READER" }), ["grant_id"]],
      [`Delete${F}Grant`, gIds, ["grant_id"]],
    );
  }
  for (const [method, req, idFields] of methods) {
    for (const field of idFields) {
      for (const bad of ["", "abc", "0", "01", "99999999999999999999"]) {
        add(`${method} with ${field} ${JSON.stringify(bad)}`, {
          method,
          req: () => ({ ...req(), [field]: bad }),
          status: INVALID,
          code: "INVALID_ID",
          field,
        });
      }
    }
    add(`${method} without credentials`, {
      method,
      req,
      md: () => new Metadata(),
      status: status.UNAUTHENTICATED,
      code: "NO_SESSION",
    });
    add(`${method} in an unknown organization`, {
      method,
      req: () => ({ ...req(), organization_id: FIXED_ID }),
      status: status.NOT_FOUND,
      code: "ORG_NOT_FOUND",
    });
    if (method !== "CreateVault" && method !== "ListVaults") {
      add(`${method} of an unknown vault`, {
        method,
        req: () => ({ ...req(), vault_id: FIXED_ID }),
        status: status.NOT_FOUND,
        code: "VAULT_NOT_FOUND",
      });
    }
    if (/^(Get|Update|Delete)\w+Grant$/.test(method)) {
      add(`${method} of an unknown grant`, {
        method,
        req,
        status: status.NOT_FOUND,
        code: "GRANT_NOT_FOUND",
      });
    }
    if (method.startsWith("List")) {
      add(`${method} with a negative offset`, {
        method,
        req: () => ({ ...req(), offset: -1 }),
        status: INVALID,
        code: "VALIDATION_FAILED",
        field: "offset",
      });
    }
    if (/^(Create|Update)\w+Grant$/.test(method)) {
      for (const role of ["", "reader", "OWNER"]) {
        add(`${method} with role ${JSON.stringify(role)}`, {
          method,
          req: () => ({ ...req(), role }),
          status: INVALID,
          code: "VALIDATION_FAILED",
          field: "role",
        });
      }
    }
  }
  const long = "n".repeat(401);
  add("CreateVault with a name over HTTP's outer bound", {
    method: "CreateVault",
    req: () => ({ organization_id: orgId, name: long }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
  });
  add("CreateVault without a name", {
    method: "CreateVault",
    req: () => ({ organization_id: orgId }),
    status: INVALID,
    code: "VAULT_NAME_INVALID",
  });
  add("CreateVault with a name the §6.11 rule refuses", {
    method: "CreateVault",
    req: () => ({ organization_id: orgId, name: "a/b" }),
    status: INVALID,
    code: "VAULT_NAME_INVALID",
  });
  add("CreateVault with a taken name (case-insensitive)", {
    method: "CreateVault",
    req: () => ({ organization_id: orgId, name: "FIXTURE" }),
    status: status.ALREADY_EXISTS,
    code: "VAULT_NAME_TAKEN",
  });
  add("UpdateVault with an over-long description", {
    method: "UpdateVault",
    req: () => ({ ...vIds(), description: "d".repeat(4001) }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "description",
  });
  add("UpdateVault with an empty name", {
    method: "UpdateVault",
    req: () => ({ ...vIds(), name: "" }),
    status: INVALID,
    code: "VAULT_NAME_INVALID",
  });
  add("CreateUserGrant for a non-member", {
    method: "CreateUserGrant",
    req: () => ({ ...vIds(), user_id: FIXED_ID, role: "READER" }),
    status: INVALID,
    code: "GRANT_USER_NOT_MEMBER",
  });
  add("CreateTeamGrant for an unknown team", {
    method: "CreateTeamGrant",
    req: () => ({ ...vIds(), team_id: FIXED_ID, role: "READER" }),
    status: INVALID,
    code: "GRANT_TEAM_NOT_FOUND",
  });
  add("CreateClientGrant for an unknown client", {
    method: "CreateClientGrant",
    req: () => ({ ...vIds(), client_id: FIXED_ID, role: "READER" }),
    status: INVALID,
    code: "GRANT_CLIENT_NOT_FOUND",
  });
  add("CreateClientGrant with a bad client id", {
    method: "CreateClientGrant",
    req: () => ({ ...vIds(), client_id: "c1", role: "READER" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "client_id",
  });
  add("CreateUserGrant with a bad user id", {
    method: "CreateUserGrant",
    req: () => ({ ...vIds(), user_id: "bob", role: "READER" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "user_id",
  });
  add("CreateTeamGrant with a bad team id", {
    method: "CreateTeamGrant",
    req: () => ({ ...vIds(), team_id: "-1", role: "READER" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "team_id",
  });
  return cases;
}

function expectTyped(err: ServiceError | undefined, c: BadCase) {
  expect(err).toBeDefined();
  expect(err?.code).not.toBe(status.INTERNAL);
  expect({ status: err?.code, code: err?.metadata.get("x-error-code")[0] }).toEqual({
    status: c.status,
    code: c.code,
  });
  expect(err?.metadata.get("x-request-id")[0]).toBeString();
  if (c.field) {
    const details = JSON.parse(String(err?.metadata.get("x-error-details")[0])) as {
      field: string;
    }[];
    expect(details.map((d) => d.field)).toContain(c.field);
  }
}

describe("VaultService bad input → typed statuses", () => {
  test.each(badCases())("%s", async (_name, c) => {
    const md = c.md ? c.md() : bearer(owner.token);
    const { err } = await g.call("VaultService", c.method, c.req(), md);
    expectTyped(err, c);
  });

  test("a message that does not decode is INVALID_ARGUMENT, not INTERNAL", async () => {
    const client = g.client("VaultService");
    const err = await new Promise<ServiceError | null>((resolve) => {
      client.makeUnaryRequest(
        "/inferadb.management.v1.VaultService/CreateVault",
        () => Buffer.from([0xff, 0xff, 0xff]),
        (b: Buffer) => b,
        {},
        bearer(owner.token),
        (e) => resolve(e),
      );
    });
    expect(err?.code).toBe(INVALID);
    expect(err?.metadata.get("x-error-code")).toEqual(["INVALID_ARGUMENT"]);
  });

  test("a member without a grant is refused the grants (PERMISSION_DENIED, as HTTP 403)", async () => {
    const { err } = await g.call("VaultService", "ListUserGrants", vIds(), bearer(bob.token));
    const viaHttp = await http(server, "GET", `${V()}/${vaultId}/user-grants`, bob.token);
    expect(viaHttp.status).toBe(403);
    expect(err?.code).toBe(status.PERMISSION_DENIED);
    expect(err?.metadata.get("x-error-code")).toEqual([viaHttp.body.code as string]);
  });
});

interface Problem {
  field: string;
  message: string;
}

describe("the same malformed vault input names the same fields over HTTP and gRPC", () => {
  const pairs: [string, string, () => string, Record<string, unknown>, string, () => object][] = [
    [
      "vault create with an over-long name and description",
      "POST",
      () => V(),
      { name: "n".repeat(401), description: "d".repeat(4001) },
      "CreateVault",
      () => ({ organization_id: orgId }),
    ],
    [
      "vault update with an over-long name",
      "PATCH",
      () => `${V()}/${vaultId}`,
      { name: "n".repeat(401) },
      "UpdateVault",
      vIds,
    ],
    [
      "user grant create with an unknown role",
      "POST",
      () => `${V()}/${vaultId}/user-grants`,
      { user_id: FIXED_ID, role: "SUPERUSER" },
      "CreateUserGrant",
      vIds,
    ],
    [
      "team grant role change with an unknown role",
      "PATCH",
      () => `${V()}/${vaultId}/team-grants/${FIXED_ID}`,
      { role: "root" },
      "UpdateTeamGrant",
      () => ({ ...vIds(), grant_id: FIXED_ID }),
    ],
  ];
  test.each(pairs)("%s", async (_name, verb, path, body, method, ids) => {
    const viaHttp = await http(server, verb, path(), owner.token, body);
    expect(viaHttp.status).toBe(422);
    expect(viaHttp.body.code).toBe("VALIDATION_FAILED");
    const overHttp = viaHttp.body.details as Problem[];
    const { err } = await g.call(
      "VaultService",
      method,
      { ...ids(), ...body },
      bearer(owner.token),
    );
    expect(err?.code).toBe(INVALID);
    expect(err?.metadata.get("x-error-code")).toEqual(["VALIDATION_FAILED"]);
    const overGrpc = JSON.parse(String(err?.metadata.get("x-error-details")[0])) as Problem[];
    const byField = (a: Problem, b: Problem) => a.field.localeCompare(b.field);
    expect(overHttp.length).toBeGreaterThan(0);
    expect([...overGrpc].sort(byField)).toEqual([...overHttp].sort(byField));
  });
});
