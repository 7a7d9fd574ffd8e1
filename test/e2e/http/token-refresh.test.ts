/**
 * Refresh families over HTTP (issue 11 item 6, docs/tokens.md#refresh-families): rotation on every
 * use; a used token revokes the whole family (`refresh_token_reused`); a failed re-check does not
 * burn the token; removing a member or a grant, ending the session, deactivating or deleting the
 * client, deleting the vault or the organization ends refreshes; `POST
 * /v1/tokens/revoke/vault/{vault}` (vault ADMIN); refresh secrets absent from the SQLite file.
 */
import { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { decodeJwt } from "jose";
import {
  addMember,
  call,
  createOrg,
  expectA3,
  type OrgEnv,
  type Reply,
  signUp,
  startOrgEnv,
  type User,
} from "./org-harness.ts";
import {
  assertion,
  exchange,
  grantClient,
  newCertificate,
  newVault,
  type TestCert,
  tokenForm,
} from "./token-harness.ts";

let env: OrgEnv;
let owner: User;
let orgId: string;
let vaultId: string;
let cert: TestCert;

const T = (org: string, vault: string) => `/v1/organizations/${org}/vaults/${vault}/tokens`;

beforeAll(async () => {
  env = await startOrgEnv({ sqlite: true });
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Refresh org");
  vaultId = await newVault(env, owner, orgId);
  cert = await newCertificate(env, owner, orgId);
  await grantClient(env, owner, orgId, vaultId, cert.clientId, "READER");
});

afterAll(async () => {
  await env.close();
});

const refresh = (token: string, body: Record<string, unknown> = {}) =>
  call(env, "POST", "/v1/tokens/refresh", { body: { refresh_token: token, ...body } });

async function userToken(user: User, org = orgId, vault = vaultId, body = {}): Promise<Reply> {
  const r = await call(env, "POST", T(org, vault), { token: user.token, body });
  expect(r.status).toBe(201);
  return r;
}

/** Waits until `check` holds (cascades run right after the organization's answer). */
async function eventually(check: () => Promise<boolean>, ms = 5_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await Bun.sleep(20);
  }
  throw new Error("condition not reached");
}

async function auditTypes(org = orgId): Promise<string[]> {
  const r = await call(env, "GET", `/v1/organizations/${org}/audit-logs?limit=100`, {
    token: owner.token,
  });
  expect(r.status).toBe(200);
  return (r.body.audit_logs as { event_type: string }[]).map((e) => e.event_type);
}

describe("refresh families", () => {
  test("a user's token comes with a refresh token that rotates on every use", async () => {
    const first = await userToken(owner, orgId, vaultId, {
      requested_role: "write",
      access_token_ttl: 120,
      refresh_token_ttl: 600,
    });
    expect(first.body.refresh_expires_in).toBe(600);
    let current = first.body.refresh_token as string;
    for (let i = 0; i < 3; i++) {
      const r = await refresh(current);
      expect(r.status).toBe(200);
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(r.body).toMatchObject({ vault_id: vaultId, vault_role: "write", expires_in: 120 });
      expect(r.body.refresh_expires_in).toBeGreaterThan(590);
      expect(r.body.refresh_token).not.toBe(current);
      const claims = decodeJwt(r.body.access_token as string);
      expect(claims.sub).toBe(`user:${owner.id}`);
      current = r.body.refresh_token as string;
    }
    const custom = await refresh(current, { access_token_ttl: 60 });
    expect(custom.body.expires_in).toBe(60);
    expectA3(
      await refresh(custom.body.refresh_token as string, { access_token_ttl: 5 }),
      400,
      "TOKEN_TTL_INVALID",
    );
  });

  test("presenting a used token revokes the whole family and is audited", async () => {
    const r0 = await userToken(owner);
    const used = r0.body.refresh_token as string;
    const r1 = await refresh(used);
    expect(r1.status).toBe(200);
    expectA3(await refresh(used), 403, "REFRESH_TOKEN_REUSED");
    // The family is gone: the token the legitimate holder got is refused too.
    expectA3(await refresh(r1.body.refresh_token as string), 403, "REFRESH_TOKEN_REVOKED");
    expect(await auditTypes()).toContain("refresh_token_reused");
  });

  test("unknown, malformed and forged tokens are refused alike", async () => {
    const r0 = await userToken(owner);
    const [id] = (r0.body.refresh_token as string).split(".");
    const forged = `${id}.${"A".repeat(43)}`;
    for (const t of [forged, "123.abc", "garbage", `999999999999.${"B".repeat(43)}`]) {
      expectA3(await refresh(t), 403, "REFRESH_TOKEN_INVALID");
    }
    // A forged secret burns nothing: the real token still works.
    expect((await refresh(r0.body.refresh_token as string)).status).toBe(200);
    expect((await call(env, "POST", "/v1/tokens/refresh", { body: {} })).status).toBe(422);
    expect(
      (await call(env, "POST", "/v1/tokens/refresh", { body: { refresh_token: 5 } })).status,
    ).toBe(422);
  });

  test("a failed re-check does not burn the token", async () => {
    const org = await createOrg(env, owner, "Suspended refresh");
    const vault = await newVault(env, owner, org);
    await newCertificate(env, owner, org);
    const r0 = await userToken(owner, org, vault);
    const token = r0.body.refresh_token as string;
    expect(
      (await call(env, "POST", `/v1/organizations/${org}/suspend`, { token: owner.token })).status,
    ).toBe(200);
    expectA3(await refresh(token), 403, "ORG_SUSPENDED");
    expect(
      (await call(env, "POST", `/v1/organizations/${org}/resume`, { token: owner.token })).status,
    ).toBe(200);
    expect((await refresh(token)).status).toBe(200);
  });

  test("removing the member, or their grant, ends their refreshes", async () => {
    const member = await signUp(env, "Member");
    await addMember(env, orgId, owner, member);
    const g = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    expect(g.status).toBe(201);
    const grantId = (g.body.grant as { id: string }).id;
    const a = await userToken(member);
    const b = await userToken(member);
    expect((await refresh(a.body.refresh_token as string)).status).toBe(200);
    const del = await call(
      env,
      "DELETE",
      `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants/${grantId}`,
      { token: owner.token },
    );
    expect(del.status).toBe(204);
    expectA3(await refresh(b.body.refresh_token as string), 403, "VAULT_NO_GRANT");
    // Re-granted: the family lives again (the grant check is a re-check, not a revocation).
    const g2 = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    expect(g2.status).toBe(201);
    const again = await refresh(b.body.refresh_token as string);
    expect(again.status).toBe(200);
    // Removing the member revokes every family they hold (A9), for good.
    const members = await call(env, "GET", `/v1/organizations/${orgId}/members`, {
      token: owner.token,
    });
    const m = (members.body.members as { id: string; user_id: string }[]).find(
      (x) => x.user_id === member.id,
    )!;
    expect(
      (
        await call(env, "DELETE", `/v1/organizations/${orgId}/members/${m.id}`, {
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    const after = await refresh(again.body.refresh_token as string);
    expect(after.status).toBe(403);
    await addMember(env, orgId, owner, member);
    await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants`, {
      token: owner.token,
      body: { user_id: member.id, role: "READER" },
    });
    await eventually(async () => {
      const r = await refresh(again.body.refresh_token as string);
      return r.body.code === "REFRESH_TOKEN_REVOKED";
    });
  });

  test("ending the session ends its session-bound families", async () => {
    const user = await signUp(env, "Leaver");
    await addMember(env, orgId, owner, user);
    const g = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/user-grants`, {
      token: owner.token,
      body: { user_id: user.id, role: "READER" },
    });
    expect(g.status).toBe(201);
    const r0 = await userToken(user);
    expect((await call(env, "POST", "/v1/auth/logout", { token: user.token })).status).toBeLessThan(
      300,
    );
    expectA3(await refresh(r0.body.refresh_token as string), 403, "REFRESH_SESSION_ENDED");
  });

  test("client families: rotation, deactivation revokes them for good, deletion too", async () => {
    const c = await newCertificate(env, owner, orgId);
    await grantClient(env, owner, orgId, vaultId, c.clientId, "READER");
    const first = await exchange(env, tokenForm(await assertion(c), vaultId));
    expect(first.status).toBe(200);
    const r1 = await refresh(first.body.refresh_token as string);
    expect(r1.status).toBe(200);
    expect(decodeJwt(r1.body.access_token as string).sub).toBe(`client:${c.clientId}`);
    expect(r1.body.refresh_expires_in).toBeGreaterThan(604_000);
    const base = `/v1/organizations/${orgId}/clients/${c.clientId}`;
    expect((await call(env, "POST", `${base}/deactivate`, { token: owner.token })).status).toBe(
      200,
    );
    expectA3(await refresh(r1.body.refresh_token as string), 403);
    expect((await call(env, "POST", `${base}/activate`, { token: owner.token })).status).toBe(200);
    await eventually(async () => {
      const r = await refresh(r1.body.refresh_token as string);
      return r.body.code === "REFRESH_TOKEN_REVOKED";
    });
    const second = await exchange(env, tokenForm(await assertion(c), vaultId));
    expect(second.status).toBe(200);
    expect((await call(env, "DELETE", base, { token: owner.token })).status).toBe(204);
    expectA3(await refresh(second.body.refresh_token as string), 403);
  });

  test("revoke/vault: vault ADMIN only, counts the families, ends them", async () => {
    const vault = await newVault(env, owner, orgId);
    await grantClient(env, owner, orgId, vault, cert.clientId, "READER");
    const tokens = [
      (await userToken(owner, orgId, vault)).body.refresh_token as string,
      (await userToken(owner, orgId, vault)).body.refresh_token as string,
      (await exchange(env, tokenForm(await assertion(cert), vault))).body.refresh_token as string,
    ];
    const reader = await signUp(env, "Reader");
    await addMember(env, orgId, owner, reader);
    await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vault}/user-grants`, {
      token: owner.token,
      body: { user_id: reader.id, role: "READER" },
    });
    expectA3(
      await call(env, "POST", `/v1/tokens/revoke/vault/${vault}`, { token: reader.token }),
      403,
      "VAULT_ADMIN_REQUIRED",
    );
    const outsider = await signUp(env, "Outsider");
    expectA3(
      await call(env, "POST", `/v1/tokens/revoke/vault/${vault}`, { token: outsider.token }),
      404,
      "VAULT_NOT_FOUND",
    );
    expectA3(await call(env, "POST", `/v1/tokens/revoke/vault/${vault}`), 401);
    const r = await call(env, "POST", `/v1/tokens/revoke/vault/${vault}`, { token: owner.token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ revoked_count: 3 });
    for (const t of tokens) expectA3(await refresh(t), 403, "REFRESH_TOKEN_REVOKED");
    const again = await call(env, "POST", `/v1/tokens/revoke/vault/${vault}`, {
      token: owner.token,
    });
    expect(again.body).toEqual({ revoked_count: 0 });
  });

  test("deleting the vault or the organization ends refreshes", async () => {
    const org = await createOrg(env, owner, "Doomed");
    const vault = await newVault(env, owner, org);
    await newCertificate(env, owner, org);
    const a = await userToken(owner, org, vault);
    const b = await userToken(owner, org, vault);
    expect(
      (
        await call(env, "DELETE", `/v1/organizations/${org}/vaults/${vault}`, {
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    expectA3(await refresh(a.body.refresh_token as string), 403, "REFRESH_TOKEN_REVOKED");
    const v2 = await newVault(env, owner, org);
    const c = await userToken(owner, org, v2);
    expect(
      (await call(env, "DELETE", `/v1/organizations/${org}`, { token: owner.token })).status,
    ).toBe(204);
    expect((await refresh(c.body.refresh_token as string)).status).toBe(403);
    expect((await refresh(b.body.refresh_token as string)).status).toBe(403);
  });

  test("refresh secrets and certificate seeds are absent from the SQLite file", async () => {
    const r = await userToken(owner);
    const token = r.body.refresh_token as string;
    const rotated = (await refresh(token)).body.refresh_token as string;
    const path = env.server.config.storage.sqlite_path;
    const db = new Database(path);
    db.exec("PRAGMA wal_checkpoint(FULL)");
    db.close();
    const bytes = readFileSync(path);
    let wal = Buffer.alloc(0);
    try {
      wal = readFileSync(`${path}-wal`);
    } catch {}
    // The scan sees stored records (so an absence means something): the certificate's kid is there.
    expect(Buffer.concat([bytes, wal]).includes(Buffer.from(cert.kid))).toBe(true);
    for (const secret of [token, rotated].map((t) => t.split(".")[1]!)) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(wal.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, "base64url"))).toBe(false);
    }
    expect(bytes.includes(Buffer.from(cert.seed))).toBe(false);
    expect(bytes.includes(Buffer.from(cert.seed, "base64"))).toBe(false);
  });
});
