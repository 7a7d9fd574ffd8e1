/**
 * Bad input on every organization, team, invitation and audit route: malformed JSON, wrong types,
 * unknown fields, a 10 MB body, wrong content type, control characters, malformed and oversized
 * ids, forged session and invitation tokens. Every answer is a typed 4xx in the A3 shape
 * (`error`, `code`, `request_id`), never a 500.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  call,
  createOrg,
  expectA3,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let owner: User;
let org: string;
let team: string;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  org = await createOrg(env, owner, "Inputs");
  team = (
    (
      await call(env, "POST", `/v1/organizations/${org}/teams`, {
        token: owner.token,
        body: { name: "T" },
      })
    ).body.team as { id: string }
  ).id;
});
afterAll(() => env.close());

/** Routes with a JSON body, and a valid body for each. */
const bodyRoutes = (): [string, string, Record<string, unknown>][] => [
  ["POST", "/v1/organizations", { name: "x" }],
  ["POST", "/v1/organizations/invitations/accept", { token: `1.${"A".repeat(43)}` }],
  ["PATCH", `/v1/organizations/${org}`, { name: "x" }],
  ["PATCH", `/v1/organizations/${org}/members/1`, { role: "ADMIN" }],
  ["POST", `/v1/organizations/${org}/invitations`, { email: "a@example.com", role: "MEMBER" }],
  ["POST", `/v1/organizations/${org}/transfer-ownership`, { new_owner_user_id: "1" }],
  ["POST", `/v1/organizations/${org}/teams`, { name: "x" }],
  ["PATCH", `/v1/organizations/${org}/teams/${team}`, { name: "x" }],
  ["POST", `/v1/organizations/${org}/teams/${team}/members`, { user_id: "1", manager: false }],
  ["PATCH", `/v1/organizations/${org}/teams/${team}/members/1`, { manager: true }],
  [
    "POST",
    `/v1/organizations/${org}/teams/${team}/permissions`,
    { permission: "ORG_PERM_TEAM_CREATE" },
  ],
];

describe("malformed bodies", () => {
  test("malformed JSON → 400 MALFORMED_JSON", async () => {
    for (const [method, path] of bodyRoutes()) {
      expectA3(
        await call(env, method, path, { token: owner.token, body: '{"name": ' }),
        400,
        "MALFORMED_JSON",
      );
    }
  });

  test("wrong types and unknown fields → 422 with details", async () => {
    for (const [method, path, good] of bodyRoutes()) {
      const key = Object.keys(good)[0]!;
      const wrongType = await call(env, method, path, {
        token: owner.token,
        body: { ...good, [key]: 12345 },
      });
      expectA3(wrongType, 422);
      expect(Array.isArray(wrongType.body.details)).toBe(true);
      expectA3(
        await call(env, method, path, { token: owner.token, body: { ...good, extra: true } }),
        422,
      );
      expectA3(await call(env, method, path, { token: owner.token, body: [good] }), 422);
    }
    for (const role of ["owner", "ROOT", ""]) {
      expectA3(
        await call(env, "POST", `/v1/organizations/${org}/invitations`, {
          token: owner.token,
          body: { email: "a@example.com", role },
        }),
        422,
      );
    }
    expectA3(
      await call(env, "POST", `/v1/organizations/${org}/teams/${team}/permissions`, {
        token: owner.token,
        body: { permission: "ORG_PERM_EVERYTHING" },
      }),
      422,
    );
  });

  test("a 10 MB body → 413; a wrong media type → 415", async () => {
    const big = JSON.stringify({ name: "x".repeat(10 * 1024 * 1024) });
    expectA3(await call(env, "POST", "/v1/organizations", { token: owner.token, body: big }), 413);
    expectA3(
      await call(env, "POST", `/v1/organizations/${org}/teams`, {
        token: owner.token,
        body: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
    );
  });
});

describe("values", () => {
  test("control characters and overlong names are refused; unicode names are kept", async () => {
    for (const name of [
      "a\u0000b",
      "line\nbreak",
      "\u202Eevil",
      " ",
      "x".repeat(101),
      "é".repeat(51),
    ]) {
      expectA3(
        await call(env, "POST", "/v1/organizations", { token: owner.token, body: { name } }),
        400,
        "ORG_NAME_INVALID",
      );
      expectA3(
        await call(env, "POST", `/v1/organizations/${org}/teams`, {
          token: owner.token,
          body: { name },
        }),
        400,
        "TEAM_NAME_INVALID",
      );
    }
    expectA3(
      await call(env, "POST", `/v1/organizations/${org}/teams`, {
        token: owner.token,
        body: { name: "<script>" },
      }),
      400,
      "TEAM_NAME_INVALID",
    );
    const o = await call(env, "POST", "/v1/organizations", {
      token: owner.token,
      body: { name: "Café 東京 <b>&" },
    });
    expect(o.status).toBe(201);
    expect((o.body.organization as { name: string }).name).toBe("Café 東京 <b>&");
    const t = await call(env, "POST", `/v1/organizations/${org}/teams`, {
      token: owner.token,
      body: { name: "Équipe 東京" },
    });
    expect(t.status).toBe(201);
  });

  test("invalid invitation addresses → 400", async () => {
    for (const email of [
      "",
      "plain",
      "a@b",
      "a b@example.com",
      `${"x".repeat(250)}@example.com`,
      "a@exa\u0000mple.com",
    ]) {
      expectA3(
        await call(env, "POST", `/v1/organizations/${org}/invitations`, {
          token: owner.token,
          body: { email, role: "MEMBER" },
        }),
        400,
        "INVITATION_EMAIL_INVALID",
      );
    }
  });

  test("malformed or oversized ids in paths and bodies → 400 / 422", async () => {
    for (const id of ["abc", "-1", "01", "1.5", "99999999999999999999", "9223372036854775808"]) {
      expectA3(await call(env, "GET", `/v1/organizations/${id}`, { token: owner.token }), 400);
      expectA3(
        await call(env, "GET", `/v1/organizations/${org}/teams/${id}`, { token: owner.token }),
        400,
      );
      expectA3(
        await call(env, "POST", `/v1/users/invitations/${id}/decline`, { token: owner.token }),
        400,
      );
      expectA3(
        await call(env, "POST", `/v1/organizations/${org}/transfer-ownership`, {
          token: owner.token,
          body: { new_owner_user_id: id },
        }),
        422,
      );
    }
  });

  test("bad pagination and audit queries → 400", async () => {
    for (const q of ["limit=-1", "limit=abc", "offset=-5"]) {
      expectA3(await call(env, "GET", `/v1/organizations?${q}`, { token: owner.token }), 400);
      expectA3(
        await call(env, "GET", `/v1/organizations/${org}/teams?${q}`, { token: owner.token }),
        400,
      );
    }
    for (const q of [
      "start_date=tomorrow",
      "end_date=2024-13-45T00:00:00Z",
      "cursor=%00%01",
      "actor=abc",
      "limit=x",
    ]) {
      expectA3(
        await call(env, "GET", `/v1/organizations/${org}/audit-logs?${q}`, { token: owner.token }),
        400,
      );
    }
  });
});

describe("forged credentials", () => {
  test("forged, malformed or missing session tokens → 401 on every route", async () => {
    const routes: [string, string][] = [
      ["GET", "/v1/organizations"],
      ["GET", `/v1/organizations/${org}`],
      ["DELETE", `/v1/organizations/${org}/members/me`],
      ["GET", `/v1/organizations/${org}/audit-logs`],
      ["GET", `/v1/organizations/${org}/teams`],
      ["GET", "/v1/users/invitations"],
    ];
    const forged = [
      `${owner.token.split(".")[0]}.${"A".repeat(43)}`,
      "garbage",
      "1.2.3",
      "\u00e9\u00e9",
    ];
    for (const [method, path] of routes) {
      expectA3(await call(env, method, path), 401);
      for (const token of forged) expectA3(await call(env, method, path, { token }), 401);
    }
  });

  test("empty or malformed invitation tokens → 422 naming `token`; forged ones → 404", async () => {
    for (const token of [
      "",
      "x",
      "1.abc",
      `${"9".repeat(19)}.${"A".repeat(43)}`, // the id is beyond 2^63-1
      `0.${"A".repeat(43)}`,
      "1".repeat(300).slice(0, 256),
      "é.é",
    ]) {
      const r = await call(env, "POST", "/v1/organizations/invitations/accept", {
        token: owner.token,
        body: { token },
      });
      expectA3(r, 422, "VALIDATION_FAILED");
      expect((r.body.details as { field: string }[]).map((d) => d.field)).toEqual(["token"]);
    }
    for (const token of [`1.${"A".repeat(43)}`, `${"9".repeat(18)}.${"b".repeat(43)}`]) {
      expectA3(
        await call(env, "POST", "/v1/organizations/invitations/accept", {
          token: owner.token,
          body: { token },
        }),
        404,
        "INVITATION_INVALID",
      );
    }
  });
});
