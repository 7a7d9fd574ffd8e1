/**
 * One well-formedness rule for every text field on both transports (src/lib/schema.ts, format
 * `text`): an unpaired surrogate sent in JSON and invalid UTF-8 bytes sent in a protobuf string
 * (which the decoder turns into U+FFFD) are refused before anything is stored: HTTP 422
 * VALIDATION_FAILED, gRPC INVALID_ARGUMENT, naming the field. Nothing ill-formed is stored.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type ServiceError, status } from "@grpc/grpc-js";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { bearer, GrpcClients, signUpGrpc } from "./grpc-harness.ts";

let server: TestServer;
let g: GrpcClients;
let token: string;
let orgId: string;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
  g = new GrpcClients(server.grpcAddress);
  token = (await signUpGrpc(g, server, "Text Rules")).token;
  const org = await g.ok("OrganizationService", "Create", { name: "Texts" }, bearer(token));
  orgId = (org.organization as { id: string }).id;
});
afterAll(async () => {
  g.close();
  await server.close();
});

async function http(method: string, path: string, body: string) {
  const res = await server.fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A protobuf length-delimited field: tag, length, raw bytes. */
function field(no: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([(no << 3) | 2, bytes.length]), Buffer.from(bytes)]);
}

function rawCall(service: string, method: string, bytes: Buffer) {
  const client = g.client(service as never);
  return new Promise<ServiceError | null>((resolve) => {
    client.makeUnaryRequest(
      `/inferadb.management.v1.${service}/${method}`,
      () => bytes,
      (b: Buffer) => b,
      {},
      bearer(token),
      (err) => resolve(err),
    );
  });
}

const fieldsOf = (err: ServiceError | null) =>
  (JSON.parse(String(err?.metadata.get("x-error-details")[0] ?? "[]")) as { field: string }[]).map(
    (d) => d.field,
  );

describe("ill-formed text is refused on both transports", () => {
  test("HTTP: a lone surrogate in an organization name, a team name or description is 422", async () => {
    const cases: [string, string, string, string][] = [
      ["POST", "/v1/organizations", `{"name":"Acme \\ud800"}`, "name"],
      ["PATCH", `/v1/organizations/${orgId}`, `{"name":"\\udfff"}`, "name"],
      ["POST", `/v1/organizations/${orgId}/teams`, `{"name":"T\\ud83d"}`, "name"],
      [
        "POST",
        `/v1/organizations/${orgId}/teams`,
        `{"name":"Ok","description":"half \\ud83d emoji"}`,
        "description",
      ],
      ["PATCH", "/v1/users/me", `{"name":"Lone \\ud800"}`, "name"],
    ];
    for (const [method, path, body, name] of cases) {
      const r = await http(method, path, body);
      expect(r.status).toBe(422);
      expect(r.body.code).toBe("VALIDATION_FAILED");
      const details = r.body.details as { field: string; message: string }[];
      expect(details.map((d) => d.field)).toEqual([name]);
      // Optional fields too (a text-or-null union) name the real problem.
      expect(details[0]?.message).toContain("well-formed text");
    }
    // A well-formed astral character is fine.
    const ok = await http(
      "POST",
      `/v1/organizations/${orgId}/teams`,
      `{"name":"Rocket \\ud83d\\ude80"}`,
    );
    expect(ok.status).not.toBe(422);
  });

  test("gRPC: invalid UTF-8 in an organization or team name is INVALID_ARGUMENT, not stored as U+FFFD", async () => {
    const bad = Uint8Array.from([0x41, 0xff, 0xfe, 0x42]);
    const create = await rawCall("OrganizationService", "Create", field(1, bad));
    expect(create?.code).toBe(status.INVALID_ARGUMENT);
    expect(String(create?.metadata.get("x-error-code")[0])).toBe("VALIDATION_FAILED");
    expect(fieldsOf(create)).toEqual(["name"]);

    const team = await rawCall(
      "TeamService",
      "CreateTeam",
      Buffer.concat([field(1, new TextEncoder().encode(orgId)), field(2, bad)]),
    );
    expect(team?.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldsOf(team)).toEqual(["name"]);

    const list = await g.ok("OrganizationService", "List", {}, bearer(token));
    for (const o of list.organizations as { name: string }[]) {
      expect(o.name.includes("\uFFFD")).toBe(false);
    }
  });
});
