/**
 * gRPC `ClientService` over a real socket (standalone engine mode): the same clients and
 * certificates as HTTP field by field (either front reads what the other wrote), the private key
 * of a gRPC-created certificate signs what the stored public key verifies (answered once, never
 * again), bad input on every method (a typed status with our `x-error-code`, never INTERNAL), and
 * the same fields as HTTP for a malformed input.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { asProto, bearer, GrpcClients, type GrpcUser, http, signUpGrpc } from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let owner: GrpcUser;
let outsider: GrpcUser;
let orgId: string;
/** A live client with one live and one revoked certificate, for the bad-input cases. */
let clientId: string;
let certId: string;
let revokedId: string;
/** A deactivated client (no new certificate). */
let inactiveId: string;

const FIXED_ID = "1234567890123456789";
const INVALID = status.INVALID_ARGUMENT;
const C = () => `/v1/organizations/${orgId}/clients`;
const ok = (method: string, req: Record<string, unknown>, u: GrpcUser = owner) =>
  g.ok("ClientService", method, req, bearer(u.token));
type Obj = Record<string, unknown>;
/** HTTP JSON as the proto carries it (see `asProto`), as a plain object. */
const protoOf = (v: unknown) => asProto(v) as Obj;

/** The Ed25519 private key of a standard-base64 32-byte seed (PKCS#8 prefix + seed). */
function privateKeyOfSeed(seedB64: string) {
  const seed = Buffer.from(seedB64, "base64");
  expect(seed.length).toBe(32);
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
}

function publicKeyOfRaw(rawB64: string) {
  const raw = Buffer.from(rawB64, "base64");
  expect(raw.length).toBe(32);
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
    format: "jwk",
  });
}

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  owner = await signUpGrpc(g, server, "Client Owner");
  outsider = await signUpGrpc(g, server, "Client Outsider");
  const org = await g.ok("OrganizationService", "Create", { name: "Clients" }, bearer(owner.token));
  orgId = (org.organization as { id: string }).id;
  clientId = ((await ok("CreateClient", { organization_id: orgId, name: "Fixture" })).client as Obj)
    .id as string;
  const ids = { organization_id: orgId, client_id: clientId };
  certId = ((await ok("CreateCertificate", { ...ids, name: "live" })).certificate as Obj)
    .id as string;
  revokedId = ((await ok("CreateCertificate", { ...ids, name: "old" })).certificate as Obj)
    .id as string;
  await ok("RevokeCertificate", { ...ids, certificate_id: revokedId });
  inactiveId = (
    (await ok("CreateClient", { organization_id: orgId, name: "Asleep" })).client as Obj
  ).id as string;
  await ok("DeactivateClient", { organization_id: orgId, client_id: inactiveId });
});
afterAll(async () => {
  g.close();
  await server.close();
});

describe("ClientService agrees with HTTP field by field", () => {
  test("create / get / list / update / deactivate / activate / delete a client", async () => {
    const created = await ok("CreateClient", {
      organization_id: orgId,
      name: "CI runner",
      description: "builds",
    });
    const client = created.client as Obj;
    expect(client).toMatchObject({
      organization_id: orgId,
      name: "CI runner",
      description: "builds",
      is_active: true,
    });
    expect(client.deactivated_at).toBeUndefined();
    const id = client.id as string;
    const ids = { organization_id: orgId, client_id: id };

    const viaHttp = await http(server, "GET", `${C()}/${id}`, owner.token);
    expect(viaHttp.status).toBe(200);
    expect(created).toEqual(protoOf(viaHttp.body));
    expect(await ok("GetClient", ids)).toEqual(created);

    const list = await ok("ListClients", { organization_id: orgId, limit: 100 });
    const hl = await http(server, "GET", `${C()}?limit=100`, owner.token);
    expect(hl.status).toBe(200);
    expect(list).toEqual(protoOf(hl.body));
    expect((list.clients as { id: string }[]).map((x) => x.id)).toContain(id);
    const page = await ok("ListClients", { organization_id: orgId, limit: 1, offset: 1 });
    const hp = await http(server, "GET", `${C()}?limit=1&offset=1`, owner.token);
    expect(page).toEqual(protoOf(hp.body));

    // An HTTP-created client reads the same over gRPC.
    const hc = await http(server, "POST", C(), owner.token, { name: "From HTTP" });
    expect(hc.status).toBe(201);
    const hid = (hc.body.client as { id: string }).id;
    expect(await ok("GetClient", { organization_id: orgId, client_id: hid })).toEqual(
      protoOf(hc.body),
    );

    const renamed = await ok("UpdateClient", { ...ids, name: "Runner" });
    expect(renamed.client).toMatchObject({ name: "Runner", description: "builds" });
    expect(renamed).toEqual(protoOf((await http(server, "GET", `${C()}/${id}`, owner.token)).body));
    const described = await ok("UpdateClient", { ...ids, description: "d2" });
    expect(described.client).toMatchObject({ name: "Runner", description: "d2" });

    const off = await ok("DeactivateClient", ids);
    expect(off.client).toMatchObject({ is_active: false });
    expect((off.client as Obj).deactivated_at).toBeString();
    expect(off).toEqual(protoOf((await http(server, "GET", `${C()}/${id}`, owner.token)).body));
    // Idempotent, as HTTP.
    expect(await ok("DeactivateClient", ids)).toEqual(off);
    const hOff = await http(server, "POST", `${C()}/${id}/deactivate`, owner.token);
    expect(hOff.status).toBe(200);
    expect(protoOf(hOff.body)).toEqual(off);

    const on = await ok("ActivateClient", ids);
    expect(on.client).toMatchObject({ is_active: true });
    expect((on.client as Obj).deactivated_at).toBeUndefined();
    expect(on).toEqual(protoOf((await http(server, "GET", `${C()}/${id}`, owner.token)).body));
    // HTTP deactivates, gRPC reads it.
    await http(server, "POST", `${C()}/${hid}/deactivate`, owner.token);
    const hg = await http(server, "GET", `${C()}/${hid}`, owner.token);
    expect(await ok("GetClient", { organization_id: orgId, client_id: hid })).toEqual(
      protoOf(hg.body),
    );
    const ha = await http(server, "POST", `${C()}/${hid}/activate`, owner.token);
    expect(await ok("GetClient", { organization_id: orgId, client_id: hid })).toEqual(
      protoOf(ha.body),
    );

    expect(await ok("DeleteClient", ids)).toEqual({});
    expect((await http(server, "GET", `${C()}/${id}`, owner.token)).body.code).toBe(
      "CLIENT_NOT_FOUND",
    );
    const { err } = await g.call("ClientService", "GetClient", ids, bearer(owner.token));
    expect(err?.code).toBe(status.NOT_FOUND);
    expect(err?.metadata.get("x-error-code")).toEqual(["CLIENT_NOT_FOUND"]);
    // An HTTP delete is seen by gRPC.
    expect((await http(server, "DELETE", `${C()}/${hid}`, owner.token)).status).toBe(204);
    const gone = await g.call(
      "ClientService",
      "GetClient",
      { organization_id: orgId, client_id: hid },
      bearer(owner.token),
    );
    expect(gone.err?.metadata.get("x-error-code")).toEqual(["CLIENT_NOT_FOUND"]);
  });

  test("certificates: create (private key once) / get / list / revoke / delete", async () => {
    const c = (await ok("CreateClient", { organization_id: orgId, name: "Signer" })).client as Obj;
    const ids = { organization_id: orgId, client_id: c.id as string };
    const created = await ok("CreateCertificate", { ...ids, name: "primary" });
    const cert = created.certificate as Obj;
    const seed = created.private_key as string;
    expect(cert).toMatchObject({
      client_id: c.id,
      name: "primary",
      algorithm: "EdDSA",
      is_active: true,
      kid: `org-${orgId}-client-${c.id}-cert-${cert.id}`,
    });
    expect(cert.revoked_at).toBeUndefined();
    expect(cert.revoked_by_user_id).toBeUndefined();
    expect(Object.keys(created).sort()).toEqual(["certificate", "private_key"]);
    const cid = cert.id as string;
    const path = `${C()}/${c.id}/certificates`;

    // Read back over HTTP: the same certificate, without the private key.
    const hg = await http(server, "GET", `${path}/${cid}`, owner.token);
    expect(hg.status).toBe(200);
    expect({ certificate: cert } as Obj).toEqual(protoOf(hg.body));
    const got = await ok("GetCertificate", { ...ids, certificate_id: cid });
    expect(got).toEqual({ certificate: cert });

    // The stored public key verifies what the gRPC-returned private key signs.
    const stored = (hg.body.certificate as { public_key: string }).public_key;
    const data = Buffer.from(`assertion for ${cert.kid}`);
    const signature = sign(null, data, privateKeyOfSeed(seed));
    expect(verify(null, data, publicKeyOfRaw(stored), signature)).toBe(true);
    expect(verify(null, Buffer.from("tampered"), publicKeyOfRaw(stored), signature)).toBe(false);

    // An HTTP-created certificate reads the same over gRPC; the two keys differ.
    const hc = await http(server, "POST", path, owner.token, { name: "secondary" });
    expect(hc.status).toBe(201);
    const hcert = hc.body.certificate as Obj;
    expect(hc.body.private_key).not.toBe(seed);
    expect(await ok("GetCertificate", { ...ids, certificate_id: hcert.id })).toEqual({
      certificate: protoOf(hcert),
    });

    const list = await ok("ListCertificates", ids);
    const hl = await http(server, "GET", path, owner.token);
    expect(list).toEqual(protoOf(hl.body));
    expect((list.certificates as Obj[]).map((x) => x.id)).toEqual(
      expect.arrayContaining([cid, hcert.id]),
    );
    // Never again: neither get nor list carries the private key.
    for (const body of [got, list, hg.body, hl.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain("private_key");
      expect(text).not.toContain(seed);
    }

    const revoked = await ok("RevokeCertificate", { ...ids, certificate_id: cid });
    expect(revoked.certificate).toMatchObject({ is_active: false, revoked_by_user_id: owner.id });
    expect((revoked.certificate as Obj).revoked_at).toBeString();
    expect(revoked).toEqual(
      protoOf((await http(server, "GET", `${path}/${cid}`, owner.token)).body),
    );
    // HTTP revokes, gRPC reads it.
    const hr = await http(server, "POST", `${path}/${hcert.id}/revoke`, owner.token);
    expect(hr.status).toBe(200);
    expect(await ok("GetCertificate", { ...ids, certificate_id: hcert.id })).toEqual(
      protoOf(hr.body),
    );
    // Revoked certificates stay listed.
    expect(await ok("ListCertificates", ids)).toEqual(
      protoOf((await http(server, "GET", path, owner.token)).body),
    );

    expect(await ok("DeleteCertificate", { ...ids, certificate_id: cid })).toEqual({});
    expect((await http(server, "GET", `${path}/${cid}`, owner.token)).body.code).toBe(
      "CERTIFICATE_NOT_FOUND",
    );
    expect((await http(server, "DELETE", `${path}/${hcert.id}`, owner.token)).status).toBe(204);
    const { err } = await g.call(
      "ClientService",
      "GetCertificate",
      { ...ids, certificate_id: hcert.id },
      bearer(owner.token),
    );
    expect(err?.code).toBe(status.NOT_FOUND);
    expect(err?.metadata.get("x-error-code")).toEqual(["CERTIFICATE_NOT_FOUND"]);
    expect((await ok("ListCertificates", ids)).certificates ?? []).toEqual([]);
    await ok("DeleteClient", ids);
  });
});

interface BadCase {
  method: string;
  req: () => object;
  md?: () => Metadata;
  status: number;
  code: string;
  field?: string;
}

const cIds = () => ({ organization_id: orgId, client_id: clientId });
const certReq = (certificate_id: string) => ({ ...cIds(), certificate_id });

function badCases(): [string, BadCase][] {
  const cases: [string, BadCase][] = [];
  const add = (name: string, c: BadCase) => cases.push([name, c]);
  add("CreateClient without a session", {
    method: "CreateClient",
    req: () => ({ organization_id: orgId, name: "x" }),
    md: () => new Metadata(),
    status: status.UNAUTHENTICATED,
    code: "NO_SESSION",
  });
  add("CreateClient with a bad organization id", {
    method: "CreateClient",
    req: () => ({ organization_id: "org1", name: "x" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "organization_id",
  });
  add("CreateClient with an over-long name", {
    method: "CreateClient",
    req: () => ({ organization_id: orgId, name: "n".repeat(401) }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
  });
  add("CreateClient with an empty name", {
    method: "CreateClient",
    req: () => ({ organization_id: orgId, name: "" }),
    status: INVALID,
    code: "CLIENT_NAME_INVALID",
  });
  add("CreateClient with a taken name (case-insensitive)", {
    method: "CreateClient",
    req: () => ({ organization_id: orgId, name: "FIXTURE" }),
    status: status.ALREADY_EXISTS,
    code: "CLIENT_NAME_TAKEN",
  });
  add("CreateClient in an organization the caller is not in", {
    method: "CreateClient",
    req: () => ({ organization_id: orgId, name: "x" }),
    md: () => bearer(outsider.token),
    status: status.NOT_FOUND,
    code: "ORG_NOT_FOUND",
  });
  add("ListClients with a negative offset", {
    method: "ListClients",
    req: () => ({ organization_id: orgId, offset: -1 }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "offset",
  });
  add("ListClients by an outsider", {
    method: "ListClients",
    req: () => ({ organization_id: orgId }),
    md: () => bearer(outsider.token),
    status: status.NOT_FOUND,
    code: "ORG_NOT_FOUND",
  });
  add("GetClient with a bad client id", {
    method: "GetClient",
    req: () => ({ organization_id: orgId, client_id: "0" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "client_id",
  });
  add("GetClient of an unknown client", {
    method: "GetClient",
    req: () => ({ organization_id: orgId, client_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });
  add("UpdateClient with an over-long description", {
    method: "UpdateClient",
    req: () => ({ ...cIds(), description: "d".repeat(4001) }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "description",
  });
  add("UpdateClient with an empty name", {
    method: "UpdateClient",
    req: () => ({ ...cIds(), name: "" }),
    status: INVALID,
    code: "CLIENT_NAME_INVALID",
  });
  add("UpdateClient to a taken name", {
    method: "UpdateClient",
    req: () => ({ ...cIds(), name: "asleep" }),
    status: status.ALREADY_EXISTS,
    code: "CLIENT_NAME_TAKEN",
  });
  add("DeactivateClient with a bad client id", {
    method: "DeactivateClient",
    req: () => ({ organization_id: orgId, client_id: "01" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "client_id",
  });
  add("DeactivateClient of an unknown client", {
    method: "DeactivateClient",
    req: () => ({ organization_id: orgId, client_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });
  add("ActivateClient with a bad organization id", {
    method: "ActivateClient",
    req: () => ({ organization_id: "", client_id: clientId }),
    status: INVALID,
    code: "INVALID_ID",
    field: "organization_id",
  });
  add("ActivateClient of an unknown client", {
    method: "ActivateClient",
    req: () => ({ organization_id: orgId, client_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });
  add("DeleteClient with a bad client id", {
    method: "DeleteClient",
    req: () => ({ organization_id: orgId, client_id: "99999999999999999999" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "client_id",
  });
  add("DeleteClient of an unknown client", {
    method: "DeleteClient",
    req: () => ({ organization_id: orgId, client_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });
  add("CreateCertificate with an over-long name", {
    method: "CreateCertificate",
    req: () => ({ ...cIds(), name: "n".repeat(401) }),
    status: INVALID,
    code: "VALIDATION_FAILED",
    field: "name",
  });
  add("CreateCertificate with an empty name", {
    method: "CreateCertificate",
    req: () => ({ ...cIds(), name: "" }),
    status: INVALID,
    code: "CERTIFICATE_NAME_INVALID",
  });
  add("CreateCertificate for a deactivated client", {
    method: "CreateCertificate",
    req: () => ({ organization_id: orgId, client_id: inactiveId, name: "k" }),
    status: INVALID,
    code: "CLIENT_INACTIVE",
  });
  add("CreateCertificate for an unknown client", {
    method: "CreateCertificate",
    req: () => ({ organization_id: orgId, client_id: FIXED_ID, name: "k" }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });
  add("ListCertificates with a bad client id", {
    method: "ListCertificates",
    req: () => ({ organization_id: orgId, client_id: "abc" }),
    status: INVALID,
    code: "INVALID_ID",
    field: "client_id",
  });
  add("ListCertificates of an unknown client", {
    method: "ListCertificates",
    req: () => ({ organization_id: orgId, client_id: FIXED_ID }),
    status: status.NOT_FOUND,
    code: "CLIENT_NOT_FOUND",
  });
  add("GetCertificate with a bad certificate id", {
    method: "GetCertificate",
    req: () => certReq("cert"),
    status: INVALID,
    code: "INVALID_ID",
    field: "certificate_id",
  });
  add("GetCertificate of an unknown certificate", {
    method: "GetCertificate",
    req: () => certReq(FIXED_ID),
    status: status.NOT_FOUND,
    code: "CERTIFICATE_NOT_FOUND",
  });
  add("GetCertificate of another client's certificate", {
    method: "GetCertificate",
    req: () => ({ organization_id: orgId, client_id: inactiveId, certificate_id: certId }),
    status: status.NOT_FOUND,
    code: "CERTIFICATE_NOT_FOUND",
  });
  add("RevokeCertificate twice", {
    method: "RevokeCertificate",
    req: () => certReq(revokedId),
    status: INVALID,
    code: "CERTIFICATE_ALREADY_REVOKED",
  });
  add("RevokeCertificate with a bad certificate id", {
    method: "RevokeCertificate",
    req: () => certReq(""),
    status: INVALID,
    code: "INVALID_ID",
    field: "certificate_id",
  });
  add("DeleteCertificate of an unknown certificate", {
    method: "DeleteCertificate",
    req: () => certReq(FIXED_ID),
    status: status.NOT_FOUND,
    code: "CERTIFICATE_NOT_FOUND",
  });
  add("DeleteCertificate with a bad certificate id", {
    method: "DeleteCertificate",
    req: () => certReq("-5"),
    status: INVALID,
    code: "INVALID_ID",
    field: "certificate_id",
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

describe("ClientService bad input → typed statuses", () => {
  const cases = badCases();

  test("every method has a bad-input case", () => {
    const methods = new Set(cases.map(([, c]) => c.method));
    const service = g.client("ClientService") as unknown as {
      constructor: { service: Record<string, unknown> };
    };
    expect([...methods].sort()).toEqual(Object.keys(service.constructor.service).sort());
  });

  test.each(cases)("%s", async (_name, c) => {
    const md = c.md ? c.md() : bearer(owner.token);
    const { err } = await g.call("ClientService", c.method, c.req(), md);
    expectTyped(err, c);
  });

  test("a message that does not decode is INVALID_ARGUMENT, not INTERNAL", async () => {
    const client = g.client("ClientService");
    const err = await new Promise<ServiceError | null>((resolve) => {
      client.makeUnaryRequest(
        "/inferadb.management.v1.ClientService/CreateCertificate",
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

  test("the HTTP status of each domain refusal matches (CLIENT_INACTIVE, ALREADY_REVOKED)", async () => {
    const hi = await http(server, "POST", `${C()}/${inactiveId}/certificates`, owner.token, {
      name: "k",
    });
    expect({ status: hi.status, code: hi.body.code }).toEqual({
      status: 400,
      code: "CLIENT_INACTIVE",
    });
    const hr = await http(
      server,
      "POST",
      `${C()}/${clientId}/certificates/${revokedId}/revoke`,
      owner.token,
    );
    expect({ status: hr.status, code: hr.body.code }).toEqual({
      status: 400,
      code: "CERTIFICATE_ALREADY_REVOKED",
    });
  });
});

interface Problem {
  field: string;
  message: string;
}

describe("the same malformed client input names the same fields over HTTP and gRPC", () => {
  const pairs: [string, string, () => string, Obj, string, () => object][] = [
    [
      "client create with an over-long name and description",
      "POST",
      () => C(),
      { name: "n".repeat(401), description: "d".repeat(4001) },
      "CreateClient",
      () => ({ organization_id: orgId }),
    ],
    [
      "client update with an over-long name",
      "PATCH",
      () => `${C()}/${clientId}`,
      { name: "n".repeat(401) },
      "UpdateClient",
      cIds,
    ],
    [
      "certificate create with an over-long name",
      "POST",
      () => `${C()}/${clientId}/certificates`,
      { name: "n".repeat(401) },
      "CreateCertificate",
      cIds,
    ],
  ];
  test.each(pairs)("%s", async (_name, verb, path, body, method, ids) => {
    const viaHttp = await http(server, verb, path(), owner.token, body);
    expect(viaHttp.status).toBe(422);
    expect(viaHttp.body.code).toBe("VALIDATION_FAILED");
    const overHttp = viaHttp.body.details as Problem[];
    const { err } = await g.call(
      "ClientService",
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
