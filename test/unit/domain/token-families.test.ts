/**
 * The vault turn's token operations (src/domain/tokens/ops.ts), pure: every branch of a refresh
 * (refused without writes, reuse that revokes the family in its own commit, rotation), the client
 * token's checks in order, the A9 revocations with their `before` bound; and the
 * `refresh-cleanup` job on the memory KV with the cluster's real fence.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import type { Certificate, Client } from "../../../src/domain/clients/types.ts";
import type { TurnEnv } from "../../../src/domain/organizations/turn.ts";
import { TurnOutput } from "../../../src/domain/organizations/turn.ts";
import { startSession } from "../../../src/domain/sessions/machine.ts";
import type { SessionRecord } from "../../../src/domain/sessions/records.ts";
import {
  FamilyKeys,
  putFamilyWrites,
  putJtiWrites,
  putTokenWrites,
  type RefreshFamily,
  RefreshFamilyCodec,
  type RefreshTokenRecord,
} from "../../../src/domain/tokens/families.ts";
import {
  authorizeClientToken,
  type ClientTokenFacts,
  type ClientTokenInput,
  type RefreshFacts,
  refreshFamily,
  revokeFamiliesWrites,
} from "../../../src/domain/tokens/ops.ts";
import type { CallerFacts } from "../../../src/domain/vaults/caller.ts";
import type { VaultState } from "../../../src/domain/vaults/state.ts";
import type { VaultGrant, VaultRole } from "../../../src/domain/vaults/types.ts";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { applyMutations, type KvStore } from "../../../src/kv/types.ts";
import { FakeClock } from "../../../src/lib/clock.ts";
import { AppError } from "../../../src/lib/errors.ts";
import { silentLogger } from "../../../src/lib/log.ts";
import { refreshCleanupJob } from "../../../src/services/tokens/jobs.ts";
import { installLeader, jobContext } from "../../support/job-context.ts";

const NOW = Date.UTC(2026, 5, 1);
const ORG = "100";
const VAULT = "200";
const USER = "300";
const CLIENT = "400";
const CERT = "500";
const HASH = "h".repeat(43);

const env: TurnEnv = { now: NOW, newId: () => "999", userId: "" };

const org = { id: ORG, deleted_at: null, suspended_at: null };

function vaultState(grants: Partial<VaultGrant>[] = []): VaultState {
  return {
    vault: {
      id: VAULT,
      org_id: ORG,
      name: "v",
      description: "",
      sync_status: "SYNCED",
      sync_error: null,
      created_by_user_id: USER,
      created_at: 1,
      updated_at: 1,
      deleted_at: null,
    },
    grants: new Map(
      grants.map((g, i) => [
        String(700 + i),
        {
          id: String(700 + i),
          vault_id: VAULT,
          kind: "user",
          subject_id: USER,
          role: "READER",
          granted_at: 1,
          granted_by_user_id: USER,
          updated_at: 1,
          ...g,
        } as VaultGrant,
      ]),
    ),
  };
}

function family(over: Partial<RefreshFamily> = {}): RefreshFamily {
  return {
    id: "600",
    org_id: ORG,
    vault_id: VAULT,
    subject: `user:${USER}`,
    binding: { kind: "session", session_id: "800", user_id: USER },
    role: "read",
    refresh_ttl_ms: 3_600_000,
    access_ttl_s: 300,
    created_at: NOW - 1000,
    current_token_id: "601",
    expires_at: NOW + 3_600_000,
    rotations: 0,
    revoked_at: null,
    revoked_reason: null,
    ...over,
  };
}

function token(over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord {
  return {
    id: "601",
    family_id: "600",
    vault_id: VAULT,
    org_id: ORG,
    secret_hash: HASH,
    created_at: NOW - 1000,
    expires_at: NOW + 3_600_000,
    used_at: null,
    ...over,
  };
}

function session(over: { userId?: string } = {}): SessionRecord {
  return {
    id: "800",
    user_id: over.userId ?? USER,
    session_type: "WEB",
    secret_hash: HASH,
    created_at: NOW - 1000,
    ip_address: null,
    user_agent: null,
    machine: startSession({ ttlMs: 86_400_000, touchGranularityMs: 60_000, now: NOW - 1000 }),
  };
}

function caller(role: "OWNER" | "MEMBER" = "MEMBER"): CallerFacts {
  return {
    org: { ...org, name: "o", tier: "TIER_DEV_V1", created_at: 1, updated_at: 1 } as never,
    member: { id: "1", org_id: ORG, user_id: USER, role, created_at: 1 },
    teams: new Set(),
    permissions: new Set(),
  };
}

function facts(over: Partial<RefreshFacts> = {}): RefreshFacts {
  return {
    token: token(),
    family: family(),
    caller: caller(),
    session: session(),
    client: null,
    certificate: null,
    org: null,
    keyPublished: true,
    ...over,
  };
}

const input = {
  orgId: ORG,
  tokenId: "601",
  secretHash: HASH,
  next: { tokenId: "602", secretHash: "n".repeat(43) },
  signingKid: `org-${ORG}-client-${CLIENT}-cert-${CERT}`,
  accessJti: "j",
  accessTtlS: null,
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return undefined;
}

describe("refreshFamily", () => {
  const granted = vaultState([{ role: "READER" }]);

  test("rotation: the token is used, the next one current, the family moved in the index", () => {
    const out = new TurnOutput();
    const r = refreshFamily(granted, facts(), input, env, out);
    expect(r.reply).toMatchObject({ outcome: "rotated", role: "read", accessTtlS: 300 });
    const keys = out.writes.map((w) => (w.op === "set" ? "set" : w.op));
    expect(keys.filter((k) => k === "set").length).toBeGreaterThanOrEqual(5);
    const fam = out.writes.find(
      (w) =>
        w.op === "set" && Buffer.from(w.key).equals(Buffer.from(FamilyKeys.family(VAULT, "600"))),
    );
    expect(fam && fam.op === "set" && RefreshFamilyCodec.decode(fam.value)).toMatchObject({
      current_token_id: "602",
      rotations: 1,
      expires_at: NOW + 3_600_000,
    });
    expect(out.audit.map((a) => a.event_type)).toEqual(["vault_token_refreshed"]);
  });

  test("refusals write nothing, in order", () => {
    const cases: [string, Partial<RefreshFacts>, string, VaultState?][] = [
      ["unknown token", { token: null }, "REFRESH_TOKEN_INVALID"],
      ["family gone", { family: null }, "REFRESH_TOKEN_INVALID"],
      ["wrong secret", { token: token({ secret_hash: "x".repeat(43) }) }, "REFRESH_TOKEN_INVALID"],
      [
        "revoked",
        { family: family({ revoked_at: 1, revoked_reason: "x" }) },
        "REFRESH_TOKEN_REVOKED",
      ],
      ["expired", { token: token({ expires_at: NOW }) }, "REFRESH_TOKEN_EXPIRED"],
      ["session gone", { session: null }, "REFRESH_SESSION_ENDED"],
      ["session of another user", { session: session({ userId: "301" }) }, "REFRESH_SESSION_ENDED"],
      ["not a member", { caller: { ...caller(), member: null } }, "REFRESH_ACCESS_ENDED"],
      ["no key", { keyPublished: false }, "NO_SIGNING_KEY"],
      ["no grant", {}, "VAULT_NO_GRANT", vaultState()],
      ["role reduced", { family: family({ role: "write" }) }, "REFRESH_ROLE_EXCEEDS"],
    ];
    for (const [name, over, code, state] of cases) {
      const out = new TurnOutput();
      expect({
        name,
        code: codeOf(() => refreshFamily(state ?? granted, facts(over), input, env, out)),
      }).toEqual({
        name,
        code,
      });
      expect({ name, writes: out.writes.length, audit: out.audit.length }).toEqual({
        name,
        writes: 0,
        audit: 0,
      });
    }
  });

  test("a used token revokes the family in its own commit and is audited", () => {
    const out = new TurnOutput();
    const r = refreshFamily(
      granted,
      facts({ token: token({ used_at: NOW - 10 }) }),
      input,
      env,
      out,
    );
    expect(r.reply).toEqual({ outcome: "reused" });
    const fam = out.writes.find((w) => w.op === "set");
    expect(fam && fam.op === "set" && RefreshFamilyCodec.decode(fam.value)).toMatchObject({
      revoked_at: NOW,
      revoked_reason: "reused",
    });
    expect(out.audit.map((a) => a.event_type)).toEqual(["refresh_token_reused"]);
  });

  test("an org OWNER keeps refreshing without a grant (acts as vault ADMIN, A8)", () => {
    const out = new TurnOutput();
    const r = refreshFamily(vaultState(), facts({ caller: caller("OWNER") }), input, env, out);
    expect(r.reply.outcome).toBe("rotated");
  });
});

describe("authorizeClientToken", () => {
  const client: Client = {
    id: CLIENT,
    org_id: ORG,
    name: "c",
    description: "",
    active: true,
    created_at: 1,
    updated_at: 1,
    deactivated_at: null,
  };
  const cert: Certificate = {
    id: CERT,
    org_id: ORG,
    client_id: CLIENT,
    name: "k",
    kid: `org-${ORG}-client-${CLIENT}-cert-${CERT}`,
    public_key: "",
    sealed_private_key: "",
    created_at: 1,
    created_by_user_id: USER,
    revoked_at: null,
    revoked_by_user_id: null,
  };
  const base: ClientTokenFacts = {
    org,
    client,
    certificate: cert,
    jtiUsed: false,
    keyPublished: true,
  };
  const msg: ClientTokenInput = {
    orgId: ORG,
    clientId: CLIENT,
    certId: CERT,
    kid: cert.kid,
    jti: "a",
    jtiExpiresAt: NOW + 120_000,
    role: "read",
    signingKid: cert.kid,
    accessJti: "b",
    accessExpiresAt: NOW + 300_000,
    refresh: { familyId: "610", tokenId: "611", secretHash: HASH, ttlS: 600, accessTtlS: 300 },
  };
  const withGrant = (role: VaultRole) => vaultState([{ kind: "client", subject_id: CLIENT, role }]);

  test("checks in order; a refusal writes nothing", () => {
    const cases: [
      string,
      Partial<ClientTokenFacts>,
      string,
      VaultState,
      Partial<ClientTokenInput>?,
    ][] = [
      ["no client", { client: null }, "INVALID_CLIENT_ASSERTION", withGrant("READER")],
      [
        "revoked cert",
        { certificate: { ...cert, revoked_at: 1 } },
        "INVALID_CLIENT_ASSERTION",
        withGrant("READER"),
      ],
      [
        "other kid",
        { certificate: { ...cert, kid: "x" } },
        "INVALID_CLIENT_ASSERTION",
        withGrant("READER"),
      ],
      [
        "inactive",
        { client: { ...client, active: false } },
        "CLIENT_INACTIVE",
        withGrant("READER"),
      ],
      ["replayed", { jtiUsed: true }, "ASSERTION_REPLAYED", withGrant("READER")],
      ["suspended", { org: { ...org, suspended_at: 1 } }, "ORG_SUSPENDED", withGrant("READER")],
      ["no grant", {}, "VAULT_NO_GRANT", vaultState([{ role: "ADMIN" }])],
      ["above grant", {}, "TOKEN_ROLE_EXCEEDS", withGrant("READER"), { role: "write" }],
      ["no key", { keyPublished: false }, "NO_SIGNING_KEY", withGrant("READER")],
      ["other org's vault", {}, "VAULT_NOT_FOUND", withGrant("READER"), { orgId: "101" }],
    ];
    for (const [name, over, code, state, m] of cases) {
      const out = new TurnOutput();
      expect({
        name,
        code: codeOf(() =>
          authorizeClientToken(state, { ...base, ...over }, { ...msg, ...m }, env, out),
        ),
      }).toEqual({ name, code });
      expect({ name, writes: out.writes.length }).toEqual({ name, writes: 0 });
    }
  });

  test("success records the jti, starts a client-bound family and audits the issue", () => {
    const out = new TurnOutput();
    const r = authorizeClientToken(withGrant("WRITER"), base, { ...msg, role: "write" }, env, out);
    expect(r.reply).toEqual({ effectiveRole: "write", refreshExpiresAt: NOW + 600_000 });
    const keys = out.writes.filter((w) => w.op === "set").map((w) => Buffer.from(w.key));
    expect(keys.some((k) => k.equals(Buffer.from(FamilyKeys.jti(ORG, CLIENT, "a"))))).toBe(true);
    expect(keys.some((k) => k.equals(Buffer.from(FamilyKeys.family(VAULT, "610"))))).toBe(true);
    expect(out.audit[0]?.data).toMatchObject({ subject: `client:${CLIENT}`, role: "write" });
  });
});

describe("revokeFamiliesWrites", () => {
  test("only the subject's live families created by `before`, one audit event", () => {
    const fams = [
      family({ id: "1" }),
      family({ id: "2", created_at: NOW + 5 }),
      family({ id: "3", subject: `client:${CLIENT}` }),
      family({ id: "4", revoked_at: 1, revoked_reason: "x" }),
    ];
    const out = new TurnOutput();
    expect(revokeFamiliesWrites(VAULT, fams, { user: USER }, "member_removed", env, out, NOW)).toBe(
      1,
    );
    expect(out.audit).toHaveLength(1);
    const none = new TurnOutput();
    expect(revokeFamiliesWrites(VAULT, [fams[3]!], {}, "x", env, none)).toBe(0);
    expect(none.audit).toHaveLength(0);
    expect(revokeFamiliesWrites(VAULT, fams, {}, "vault_deleted", env, new TurnOutput())).toBe(3);
  });
});

describe("refresh-cleanup job", () => {
  let clock: FakeClock;
  let kv: KvStore;
  beforeEach(async () => {
    clock = new FakeClock(NOW);
    kv = createKvStore(createMemoryBackend(), { clock, log: silentLogger });
    await installLeader(kv);
  });
  afterEach(async () => {
    await kv.close();
  });

  test("deletes expired families with their tokens and expired jtis; keeps the rest", async () => {
    const dead = family({ id: "10", current_token_id: "12", expires_at: NOW - 1 });
    const live = family({ id: "20", current_token_id: "21", expires_at: NOW + 60_000 });
    // `moved` rotated: its old index entry is stale and must not take the family with it.
    const moved = family({ id: "30", current_token_id: "31", expires_at: NOW + 60_000 });
    await kv.transact(async (tx) => {
      applyMutations(tx, putFamilyWrites(dead));
      applyMutations(tx, putTokenWrites(token({ id: "11", family_id: "10", used_at: 1 })));
      applyMutations(tx, putTokenWrites(token({ id: "12", family_id: "10" })));
      applyMutations(tx, putFamilyWrites(live));
      applyMutations(tx, putTokenWrites(token({ id: "21", family_id: "20" })));
      applyMutations(tx, putFamilyWrites({ ...moved, expires_at: NOW - 5 }));
      applyMutations(tx, putFamilyWrites(moved, { ...moved, expires_at: NOW + 1 }));
      applyMutations(
        tx,
        putJtiWrites({ jti: "old", org_id: ORG, client_id: CLIENT, expires_at: NOW - 1 }),
      );
      applyMutations(
        tx,
        putJtiWrites({ jti: "new", org_id: ORG, client_id: CLIENT, expires_at: NOW + 1 }),
      );
    });
    const job = refreshCleanupJob();
    await job.runBatch(jobContext(kv, clock, job));
    const present = (k: Uint8Array) => kv.transact((tx) => tx.get(k)).then((v) => v !== undefined);
    expect(await present(FamilyKeys.family(VAULT, "10"))).toBe(false);
    expect(await present(FamilyKeys.token("11"))).toBe(false);
    expect(await present(FamilyKeys.token("12"))).toBe(false);
    expect(await present(FamilyKeys.family(VAULT, "20"))).toBe(true);
    expect(await present(FamilyKeys.token("21"))).toBe(true);
    expect(await present(FamilyKeys.family(VAULT, "30"))).toBe(true);
    expect(await present(FamilyKeys.jti(ORG, CLIENT, "old"))).toBe(false);
    expect(await present(FamilyKeys.jti(ORG, CLIENT, "new"))).toBe(true);
  });
});
