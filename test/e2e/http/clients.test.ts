/**
 * Service clients and their certificates over HTTP (docs/clients.md, issue 11 items 1-2): CRUD,
 * names unique per organization case-insensitively, permissions through `can()` (roles and the
 * ORG_PERM_CLIENT_* team permissions), deactivate / activate, certificates whose private key
 * really signs what the stored public key verifies, revoke twice 400, no certificate for a
 * deactivated client, audit events, typed 4xx on bad input.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { ClientRanges } from "../../../src/domain/clients/keys.ts";
import {
  addMember,
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
let admin: User;
let member: User;
let delegate: User;
let outsider: User;
let orgId: string;

const C = () => `/v1/organizations/${orgId}/clients`;

interface ClientBody {
  id: string;
  name: string;
  is_active: boolean;
  organization_id: string;
}
interface CertBody {
  id: string;
  kid: string;
  public_key: string;
  is_active: boolean;
  client_id: string;
}

async function newClient(name: string, who = owner): Promise<ClientBody> {
  const r = await call(env, "POST", C(), { token: who.token, body: { name } });
  expect(r.status).toBe(201);
  return r.body.client as ClientBody;
}

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
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
  orgId = await createOrg(env, owner, "Client org");
  admin = await signUp(env, "Admin");
  member = await signUp(env, "Member");
  delegate = await signUp(env, "Delegate");
  outsider = await signUp(env, "Outsider");
  await addMember(env, orgId, owner, admin, "ADMIN");
  await addMember(env, orgId, owner, member);
  await addMember(env, orgId, owner, delegate);
  // `delegate` is a MEMBER whose team holds ORG_PERM_CLIENT_MANAGE.
  const t = await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
    token: owner.token,
    body: { name: "Robots" },
  });
  expect(t.status).toBe(201);
  const teamId = (t.body.team as { id: string }).id;
  const m = await call(env, "POST", `/v1/organizations/${orgId}/teams/${teamId}/members`, {
    token: owner.token,
    body: { user_id: delegate.id },
  });
  expect(m.status).toBe(201);
  const g = await call(env, "POST", `/v1/organizations/${orgId}/teams/${teamId}/permissions`, {
    token: owner.token,
    body: { permission: "ORG_PERM_CLIENT_MANAGE" },
  });
  expect(g.status).toBe(201);
});

afterAll(async () => {
  await env.close();
});

describe("clients", () => {
  test("create, get, list, rename, delete", async () => {
    const r = await call(env, "POST", C(), {
      token: owner.token,
      body: { name: "  ci-runner ", description: "builds" },
    });
    expect(r.status).toBe(201);
    const c = r.body.client as ClientBody & { description: string };
    expect(c).toMatchObject({
      name: "ci-runner",
      description: "builds",
      is_active: true,
      organization_id: orgId,
    });

    const got = await call(env, "GET", `${C()}/${c.id}`, { token: admin.token });
    expect(got.status).toBe(200);
    expect((got.body.client as ClientBody).id).toBe(c.id);

    const list = await call(env, "GET", `${C()}?limit=100`, { token: owner.token });
    expect(list.status).toBe(200);
    expect((list.body.clients as ClientBody[]).map((x) => x.id)).toContain(c.id);
    expect((list.body.pagination as { total: number }).total).toBeGreaterThanOrEqual(1);

    const renamed = await call(env, "PATCH", `${C()}/${c.id}`, {
      token: admin.token,
      body: { name: "ci-runner-2" },
    });
    expect(renamed.status).toBe(200);
    expect((renamed.body.client as ClientBody).name).toBe("ci-runner-2");

    const del = await call(env, "DELETE", `${C()}/${c.id}`, { token: owner.token });
    expect(del.status).toBe(204);
    expectA3(
      await call(env, "GET", `${C()}/${c.id}`, { token: owner.token }),
      404,
      "CLIENT_NOT_FOUND",
    );
    // A deleted client's name is free again.
    await newClient("ci-runner-2");
  });

  test("names are unique per organization, case-insensitively (409), and bounded", async () => {
    const a = await newClient("Deployer");
    expectA3(
      await call(env, "POST", C(), { token: owner.token, body: { name: "deployer" } }),
      409,
      "CLIENT_NAME_TAKEN",
    );
    const b = await newClient("Other deployer");
    expectA3(
      await call(env, "PATCH", `${C()}/${b.id}`, {
        token: owner.token,
        body: { name: "DEPLOYER" },
      }),
      409,
      "CLIENT_NAME_TAKEN",
    );
    // Renaming a client to its own name in another case is fine.
    const self = await call(env, "PATCH", `${C()}/${a.id}`, {
      token: owner.token,
      body: { name: "DEPLOYER" },
    });
    expect(self.status).toBe(200);
    // Another organization may use the same name.
    const otherOrg = await createOrg(env, outsider, "Elsewhere");
    const o = await call(env, "POST", `/v1/organizations/${otherOrg}/clients`, {
      token: outsider.token,
      body: { name: "deployer" },
    });
    expect(o.status).toBe(201);
    // Bounds: empty after trimming, over 100 bytes.
    expectA3(
      await call(env, "POST", C(), { token: owner.token, body: { name: "   " } }),
      400,
      "CLIENT_NAME_INVALID",
    );
    expectA3(
      await call(env, "POST", C(), { token: owner.token, body: { name: "é".repeat(51) } }),
      400,
      "CLIENT_NAME_INVALID",
    );
  });

  test("permissions: ADMIN and OWNER manage, a MEMBER does not, a team permission delegates", async () => {
    expectA3(
      await call(env, "POST", C(), { token: member.token, body: { name: "nope" } }),
      403,
      "ORG_FORBIDDEN",
    );
    expectA3(await call(env, "GET", C(), { token: member.token }), 403, "ORG_FORBIDDEN");
    expectA3(await call(env, "GET", C(), { token: outsider.token }), 404, "ORG_NOT_FOUND");
    const byAdmin = await newClient("by-admin", admin);
    expectA3(
      await call(env, "POST", `${C()}/${byAdmin.id}/deactivate`, { token: member.token }),
      403,
      "ORG_FORBIDDEN",
    );
    expectA3(
      await call(env, "DELETE", `${C()}/${byAdmin.id}`, { token: member.token }),
      403,
      "ORG_FORBIDDEN",
    );
    // ORG_PERM_CLIENT_MANAGE: the whole client lifecycle, certificates included.
    const byDelegate = await newClient("by-delegate", delegate);
    const cert = await call(env, "POST", `${C()}/${byDelegate.id}/certificates`, {
      token: delegate.token,
      body: { name: "k1" },
    });
    expect(cert.status).toBe(201);
    expect((await call(env, "GET", C(), { token: delegate.token })).status).toBe(200);
    expect(
      (await call(env, "DELETE", `${C()}/${byDelegate.id}`, { token: delegate.token })).status,
    ).toBe(204);
  });

  test("deactivate and activate again, idempotently", async () => {
    const c = await newClient("toggler");
    const d = await call(env, "POST", `${C()}/${c.id}/deactivate`, { token: admin.token });
    expect(d.status).toBe(200);
    expect(d.body.client).toMatchObject({ id: c.id, is_active: false });
    expect(
      (await call(env, "POST", `${C()}/${c.id}/deactivate`, { token: admin.token })).status,
    ).toBe(200);
    const got = await call(env, "GET", `${C()}/${c.id}`, { token: owner.token });
    expect((got.body.client as ClientBody).is_active).toBe(false);
    // A deactivated client gets no certificate.
    expectA3(
      await call(env, "POST", `${C()}/${c.id}/certificates`, {
        token: owner.token,
        body: { name: "k" },
      }),
      400,
      "CLIENT_INACTIVE",
    );
    const a = await call(env, "POST", `${C()}/${c.id}/activate`, { token: admin.token });
    expect(a.status).toBe(200);
    expect(a.body.client).toMatchObject({ id: c.id, is_active: true, deactivated_at: null });
    const cert = await call(env, "POST", `${C()}/${c.id}/certificates`, {
      token: owner.token,
      body: { name: "k" },
    });
    expect(cert.status).toBe(201);
  });

  test("a live client can be granted a vault role; deleting it removes its grants", async () => {
    const c = await newClient("granted");
    const v = await call(env, "POST", `/v1/organizations/${orgId}/vaults`, {
      token: owner.token,
      body: { name: "for clients" },
    });
    expect(v.status).toBe(201);
    const G = `/v1/organizations/${orgId}/vaults/${(v.body.vault as { id: string }).id}/client-grants`;
    const g = await call(env, "POST", G, {
      token: owner.token,
      body: { client_id: c.id, role: "READER" },
    });
    expect(g.status).toBe(201);
    expect((await call(env, "DELETE", `${C()}/${c.id}`, { token: owner.token })).status).toBe(204);
    const after = await call(env, "GET", G, { token: owner.token });
    expect(after.status).toBe(200);
    expect((after.body.grants as { client_id: string }[]).map((x) => x.client_id)).not.toContain(
      c.id,
    );
    // And a deleted client cannot be granted again.
    expectA3(
      await call(env, "POST", G, { token: owner.token, body: { client_id: c.id, role: "READER" } }),
      400,
      "GRANT_CLIENT_NOT_FOUND",
    );
  });

  test("deleting the organization clears its clients and certificates", async () => {
    const doomedOrg = await createOrg(env, outsider, "Short-lived");
    const c = await call(env, "POST", `/v1/organizations/${doomedOrg}/clients`, {
      token: outsider.token,
      body: { name: "gone soon" },
    });
    const clientId = (c.body.client as ClientBody).id;
    const k = await call(
      env,
      "POST",
      `/v1/organizations/${doomedOrg}/clients/${clientId}/certificates`,
      {
        token: outsider.token,
        body: { name: "k" },
      },
    );
    expect(k.status).toBe(201);
    const rows = () =>
      env.server.node.kv.transact(async (tx) => {
        const [cb, ce] = ClientRanges.clients(doomedOrg);
        const [kb, ke] = ClientRanges.certificates(doomedOrg, clientId);
        return (await tx.getRange(cb, ce)).length + (await tx.getRange(kb, ke)).length;
      });
    expect(await rows()).toBe(2);
    expect(
      (await call(env, "DELETE", `/v1/organizations/${doomedOrg}`, { token: outsider.token }))
        .status,
    ).toBe(204);
    expect(await rows()).toBe(0);
  });

  test("a client of another organization is not found", async () => {
    const otherOrg = await createOrg(env, outsider, "Foreign");
    const r = await call(env, "POST", `/v1/organizations/${otherOrg}/clients`, {
      token: outsider.token,
      body: { name: "foreign" },
    });
    const foreign = r.body.client as ClientBody;
    expectA3(
      await call(env, "GET", `${C()}/${foreign.id}`, { token: owner.token }),
      404,
      "CLIENT_NOT_FOUND",
    );
    expectA3(
      await call(env, "POST", `${C()}/${foreign.id}/certificates`, {
        token: owner.token,
        body: { name: "x" },
      }),
      404,
      "CLIENT_NOT_FOUND",
    );
  });

  test("bad input answers a typed 4xx", async () => {
    const c = await newClient("inputs");
    expect((await call(env, "POST", C(), { token: owner.token, body: {} })).status).toBe(422);
    expect(
      (await call(env, "POST", C(), { token: owner.token, body: { name: "x", extra: 1 } })).status,
    ).toBe(422);
    expect((await call(env, "POST", C(), { token: owner.token, body: { name: 42 } })).status).toBe(
      422,
    );
    expect((await call(env, "POST", C(), { token: owner.token, body: "{" })).status).toBe(400);
    expect((await call(env, "GET", `${C()}/not-a-number`, { token: owner.token })).status).toBe(
      400,
    );
    expect(
      (
        await call(env, "POST", `${C()}/${c.id}/certificates`, {
          token: owner.token,
          body: { name: "" },
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await call(env, "GET", C())).status).toBe(401);
  });
});

describe("certificates", () => {
  test("create answers a private key that signs what the stored public key verifies, once", async () => {
    const c = await newClient("signer");
    const r = await call(env, "POST", `${C()}/${c.id}/certificates`, {
      token: owner.token,
      body: { name: "primary" },
    });
    expect(r.status).toBe(201);
    const cert = r.body.certificate as CertBody;
    const seed = r.body.private_key as string;
    expect(cert.kid).toBe(`org-${orgId}-client-${c.id}-cert-${cert.id}`);
    expect(cert.is_active).toBe(true);
    expect(cert.client_id).toBe(c.id);

    // The stored public key (as get answers it) verifies what the returned private key signs.
    const got = await call(env, "GET", `${C()}/${c.id}/certificates/${cert.id}`, {
      token: owner.token,
    });
    expect(got.status).toBe(200);
    const stored = got.body.certificate as CertBody;
    expect(stored.public_key).toBe(cert.public_key);
    const data = Buffer.from(`assertion for ${cert.kid}`);
    const signature = sign(null, data, privateKeyOfSeed(seed));
    expect(verify(null, data, publicKeyOfRaw(stored.public_key), signature)).toBe(true);
    expect(
      verify(null, Buffer.from("tampered"), publicKeyOfRaw(stored.public_key), signature),
    ).toBe(false);

    // Never again: neither get nor list carries the private key, sealed or not.
    const list = await call(env, "GET", `${C()}/${c.id}/certificates`, { token: owner.token });
    expect(list.status).toBe(200);
    for (const body of [got.body, list.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(seed);
      expect(text).not.toContain("private");
      expect(text).not.toContain("sealed");
    }
    expect((list.body.certificates as CertBody[]).map((x) => x.id)).toEqual([cert.id]);
  });

  test("revoke, revoke twice 400, delete, unknown 404", async () => {
    const c = await newClient("revoker");
    const r = await call(env, "POST", `${C()}/${c.id}/certificates`, {
      token: owner.token,
      body: { name: "k" },
    });
    const cert = r.body.certificate as CertBody;
    const rv = await call(env, "POST", `${C()}/${c.id}/certificates/${cert.id}/revoke`, {
      token: admin.token,
    });
    expect(rv.status).toBe(200);
    expect(rv.body.certificate).toMatchObject({ id: cert.id, is_active: false });
    expectA3(
      await call(env, "POST", `${C()}/${c.id}/certificates/${cert.id}/revoke`, {
        token: admin.token,
      }),
      400,
      "CERTIFICATE_ALREADY_REVOKED",
    );
    // Revoked certificates stay listed.
    const list = await call(env, "GET", `${C()}/${c.id}/certificates`, { token: owner.token });
    expect((list.body.certificates as CertBody[])[0]).toMatchObject({
      id: cert.id,
      is_active: false,
    });
    expectA3(
      await call(env, "POST", `${C()}/${c.id}/certificates/${cert.id}/revoke`, {
        token: member.token,
      }),
      403,
      "ORG_FORBIDDEN",
    );
    expect(
      (await call(env, "DELETE", `${C()}/${c.id}/certificates/${cert.id}`, { token: owner.token }))
        .status,
    ).toBe(204);
    expectA3(
      await call(env, "GET", `${C()}/${c.id}/certificates/${cert.id}`, { token: owner.token }),
      404,
      "CERTIFICATE_NOT_FOUND",
    );
    // A certificate id under another client of the organization is not found there.
    const other = await newClient("revoker-2");
    const r2 = await call(env, "POST", `${C()}/${other.id}/certificates`, {
      token: owner.token,
      body: { name: "k" },
    });
    const cert2 = r2.body.certificate as CertBody;
    expectA3(
      await call(env, "GET", `${C()}/${c.id}/certificates/${cert2.id}`, { token: owner.token }),
      404,
      "CERTIFICATE_NOT_FOUND",
    );
  });

  test("deleting a client deletes its certificates", async () => {
    const c = await newClient("doomed");
    await call(env, "POST", `${C()}/${c.id}/certificates`, {
      token: owner.token,
      body: { name: "k" },
    });
    expect((await call(env, "DELETE", `${C()}/${c.id}`, { token: owner.token })).status).toBe(204);
    expectA3(
      await call(env, "GET", `${C()}/${c.id}/certificates`, { token: owner.token }),
      404,
      "CLIENT_NOT_FOUND",
    );
  });

  test("client and certificate changes are audited", async () => {
    const c = await newClient("audited");
    const r = await call(env, "POST", `${C()}/${c.id}/certificates`, {
      token: owner.token,
      body: { name: "k" },
    });
    const cert = r.body.certificate as CertBody;
    await call(env, "POST", `${C()}/${c.id}/certificates/${cert.id}/revoke`, {
      token: owner.token,
    });
    await call(env, "POST", `${C()}/${c.id}/deactivate`, { token: owner.token });
    const log = await call(env, "GET", `/v1/organizations/${orgId}/audit-logs?limit=100`, {
      token: owner.token,
    });
    expect(log.status).toBe(200);
    const events = log.body.audit_logs as { event_type: string; resource_id: string | null }[];
    const of = (id: string) => events.filter((e) => e.resource_id === id).map((e) => e.event_type);
    expect(of(c.id)).toEqual(expect.arrayContaining(["client_created", "client_deactivated"]));
    expect(of(cert.id)).toEqual(
      expect.arrayContaining(["client_certificate_created", "client_certificate_revoked"]),
    );
  });
});
