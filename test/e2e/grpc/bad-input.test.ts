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
  type BadInputEnv,
  badInputCases,
  type Case,
  LONG,
  md,
  PASSWORD,
} from "./bad-input-cases.ts";
import { bearer, GrpcClients, http, type ServiceName, signUpGrpc } from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
const env = {} as BadInputEnv;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  env.user = await signUpGrpc(g, server, "Bad Input");
  const org = await g.ok(
    "OrganizationService",
    "Create",
    { name: "Inputs" },
    bearer(env.user.token),
  );
  env.orgId = (org.organization as { id: string }).id;
  const team = await g.ok(
    "TeamService",
    "CreateTeam",
    { organization_id: env.orgId, name: "T" },
    bearer(env.user.token),
  );
  env.teamId = (team.team as { id: string }).id;
});
afterAll(async () => {
  g.close();
  await server.close();
});

const INVALID = status.INVALID_ARGUMENT;

const CASES = badInputCases(env);
// The last case needs the key in its metadata.
const idem = CASES.at(-1) as Case;
idem.auth = "user";
const withKey = (c: Case) =>
  c === idem ? bearer(env.user.token, { "idempotency-key": "k".repeat(300) }) : md(env, c.auth);

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
          bearer(env.user.token),
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
        bearer(env.user.token),
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
      const { err } = await g.call(service, method, req, bearer(env.user.token));
      const viaHttp = await http(server, verb, path, env.user.token, body);
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
      { organization_id: env.orgId },
      bearer(other.token),
    );
    expectTyped(err, { status: status.NOT_FOUND, code: "ORG_NOT_FOUND" });
  });
});
