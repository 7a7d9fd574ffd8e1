/**
 * The large database of bench/scale.ts, written straight into a SQLite KV file with the domain's
 * own records and write builders (no HTTP, no actor turn), in large batched transactions:
 *
 * - `users` accounts, each with one verified address (`putUserWrites`, `putEmailWrites`);
 * - `orgs` organizations (`putOrgWrites`, `putMemberWrites`, the global `("count")`):
 *   - organization 0, the largest, at the largest tier (TIER_MAX_V1, the tier an operator's
 *     `tier.set` turn writes) and at that tier's limits: `largest.members` members (users
 *     0..members-1; user 0 its OWNER), `largest.teams` teams of 10 members each, every team with
 *     one delegated permission, and `largest.vaults` vaults, each with the creator's ADMIN grant
 *     and one team's READER grant;
 *   - every other organization: 5 members (its OWNER and 4 members), one team of 2 and one vault;
 *     user 0 is also a plain member of organizations 1..9, so it belongs to MAX_ORGS_PER_USER (10);
 * - `jwksOrgs` organizations (0 and every hundredth) with one active client and one certificate
 *   (a real Ed25519 key, its seed sealed under the bench's key encryption secret), published in
 *   the JWKS index (`publishKeysWrites`);
 * - `events` audit events (`appendAuditWrites`: the event, its organization copy and its user
 *   index entry), spread over the last 30 days: every tenth belongs to organization 0, the others
 *   to the other organizations, each acted by a member of its organization;
 * - one WEB session of user 0 (`putSessionWrites`), whose credential the bench sends.
 *
 * Organization and vault records are exactly what the organization actor and the vault actor load
 * on activation (`("o", org)` and `("v", vault)` ranges; the vault list's `("ov", org)` copies), so
 * the largest organization is what its actor really holds.
 *
 * Why the backend's own transactions and not `KvStore.transact`: the store enforces
 * FoundationDB's online limits (1 MB written and 1 s per transaction), meant for requests; this is
 * an offline load of a file no node has open yet, so each commit here carries BATCH mutations.
 * Ids come from the product's Snowflake generator driven by a fake clock set to each record's
 * creation time (worker id 1023, which no bench node is given), so ids stay time-ordered as the
 * audit retention and the audit list's cursor expect.
 */
import { createSealer } from "../../src/crypto/envelope.ts";
import { issueCredential } from "../../src/crypto/tokens.ts";
import { appendAuditWrites, auditEvent } from "../../src/domain/audit/events.ts";
import type { OrgPermission } from "../../src/domain/authz/permissions.ts";
import { ORG_PERMISSIONS } from "../../src/domain/authz/permissions.ts";
import { publishKeysWrites } from "../../src/domain/clients/jwks.ts";
import type { Certificate, Client } from "../../src/domain/clients/types.ts";
import { certificateKid } from "../../src/domain/clients/types.ts";
import { putCertificateWrites, putClientWrites } from "../../src/domain/clients/writes.ts";
import { type EmailRecord, putEmailWrites } from "../../src/domain/emails/records.ts";
import { OrgKeys } from "../../src/domain/organizations/keys.ts";
import { TIER_LIMITS } from "../../src/domain/organizations/limits.ts";
import type { Member, Organization, OrgRole } from "../../src/domain/organizations/types.ts";
import { normalizeOrgName } from "../../src/domain/organizations/validation.ts";
import { putMemberWrites, putOrgWrites } from "../../src/domain/organizations/writes.ts";
import { startSession } from "../../src/domain/sessions/machine.ts";
import { putSessionWrites, type SessionRecord } from "../../src/domain/sessions/records.ts";
import type { Team, TeamMember, TeamPermission } from "../../src/domain/teams/types.ts";
import { normalizeTeamName } from "../../src/domain/teams/validation.ts";
import {
  putTeamMemberWrites,
  putTeamPermissionWrites,
  putTeamWrites,
} from "../../src/domain/teams/writes.ts";
import { putUserWrites, type UserRecord } from "../../src/domain/users/records.ts";
import type { OrgVaultEntry, Vault, VaultGrant } from "../../src/domain/vaults/types.ts";
import { assertVaultName } from "../../src/domain/vaults/validation.ts";
import { putEntryWrites, putGrantWrites, putVaultWrites } from "../../src/domain/vaults/writes.ts";
import { createSqliteBackend } from "../../src/kv/backends/sqlite.ts";
import { applyMutations, type KvBackend, type Mutation } from "../../src/kv/types.ts";
import { FakeClock } from "../../src/lib/clock.ts";
import { SnowflakeGenerator } from "../../src/lib/ids.ts";
import { CERTIFICATE_SEAL_PURPOSE, generateEd25519 } from "../../src/services/clients/service.ts";
import { touchGranularityMs } from "../../src/services/sessions/service.ts";
import { prng } from "../../test/support/prng.ts";

export interface ScaleShape {
  orgs: number;
  users: number;
  events: number;
  /** The largest organization (organization 0). */
  largest: { members: number; teams: number; vaults: number };
  /** Organizations with one client and one published certificate. */
  jwksOrgs: number;
}

/** What the bench needs to call the routes on the large database. */
export interface LargeFixtures {
  /** Session credential of user 0 (OWNER of the largest organization). */
  token: string;
  user: string;
  /** The largest organization, a team, a vault of it. */
  org: string;
  team: string;
  vault: string;
  /** A small organization (5 members) and its OWNER, for the activation comparison. */
  smallOrg: string;
  smallOrgOwner: string;
  /** Audit events of the largest organization. */
  largestEvents: number;
  /** Mutations written, commits, and seconds taken. */
  mutations: number;
  commits: number;
  seconds: number;
}

/** Mutations per transaction of the bulk load. */
const BATCH = 50_000;
/** The Snowflake worker id of the load; bench nodes register from worker id 0 upwards. */
const SEED_WORKER = 1023;
/** Members of every organization but the largest (its OWNER first). */
const SMALL_MEMBERS = 5;
/** Members per team of the largest organization (the first one is its manager). */
const TEAM_SIZE = 10;
/** User 0 joins organizations 1..EXTRA_ORGS_OF_USER0 as a plain member (10 in all, the cap). */
const EXTRA_ORGS_OF_USER0 = 9;
const DAY_MS = 86_400_000;

/** Commits mutations in batches of BATCH through the backend's own transactions. */
class BulkWriter {
  #pending: Mutation[] = [];
  mutations = 0;
  commits = 0;

  constructor(private readonly backend: KvBackend) {}

  /** Queues `ms`; true when a batch is full (the caller then awaits `flush`). */
  add(ms: readonly Mutation[]): boolean {
    for (const m of ms) this.#pending.push(m);
    return this.#pending.length >= BATCH;
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const tx = this.backend.begin();
    applyMutations(tx, this.#pending);
    await tx.commit();
    this.mutations += this.#pending.length;
    this.commits++;
    this.#pending = [];
  }
}

/** First user (index) of organization `k` ≥ 1: its OWNER; its members are the next ones. */
function smallBase(k: number, shape: ScaleShape): number {
  const pool = shape.users - shape.largest.members - SMALL_MEMBERS;
  return shape.largest.members + (((k - 1) * SMALL_MEMBERS) % pool);
}

const EVENT_TYPES = [
  ["team_updated", "team"],
  ["vault_updated", "vault"],
  ["organization_member_role_changed", "organization_member"],
  ["vault_user_grant_created", "vault_grant"],
  ["client_certificate_created", "client_certificate"],
] as const;

/** Seeds the large database at `path` (a new file); `secret` seals certificate private keys. */
export async function seedLarge(
  path: string,
  shape: ScaleShape,
  secret: string,
): Promise<LargeFixtures> {
  const started = performance.now();
  const L = shape.largest;
  const limits = TIER_LIMITS.TIER_MAX_V1;
  if (L.members > limits.members || L.teams > limits.teams || L.vaults > limits.vaults) {
    throw new Error(`the largest organization exceeds TIER_MAX_V1 (${JSON.stringify(limits)})`);
  }
  if (shape.users < L.members + SMALL_MEMBERS * 2 || shape.orgs <= EXTRA_ORGS_OF_USER0) {
    throw new Error("too few users or organizations for the shape");
  }
  const backend = createSqliteBackend({ path });
  const w = new BulkWriter(backend);
  const put = async (ms: readonly Mutation[]) => {
    if (w.add(ms)) await w.flush();
  };
  const now = Date.now();
  // Accounts and organizations 40 to 31 days ago; audit events over the last 30 days.
  const clock = new FakeClock(now - 40 * DAY_MS);
  const ids = new SnowflakeGenerator({ workerId: SEED_WORKER, clock });
  const at = (ms: number) => clock.setWall(Math.max(clock.now(), Math.floor(ms)));

  try {
    // Accounts.
    const userIds: string[] = new Array(shape.users);
    const userSpan = 4 * DAY_MS;
    for (let u = 0; u < shape.users; u++) {
      at(now - 40 * DAY_MS + (u * userSpan) / shape.users);
      const t = clock.now();
      const user: UserRecord = {
        id: ids.next(),
        name: `Scale user ${u}`,
        password_hash: null,
        created_at: t,
        tos_accepted_at: t,
        password_changed_at: null,
      };
      const email: EmailRecord = {
        id: ids.next(),
        user_id: user.id,
        email: `user${u}@scale.example`,
        primary: true,
        verified_at: t,
        created_at: t,
      };
      userIds[u] = user.id;
      await put([...putUserWrites(user), ...putEmailWrites(email)]);
    }

    // Organizations: ids, members, teams, vaults.
    const orgIds: string[] = new Array(shape.orgs);
    const orgStart = now - 36 * DAY_MS;
    const orgSpan = 5 * DAY_MS;
    const member = (orgId: string, u: number, role: OrgRole, t: number): Member => ({
      id: ids.next(),
      org_id: orgId,
      user_id: userIds[u]!,
      role,
      created_at: t,
    });
    let largestTeam = "";
    let largestVault = "";
    const owner0 = userIds[0]!;
    for (let k = 0; k < shape.orgs; k++) {
      at(orgStart + (k * orgSpan) / shape.orgs);
      const t = clock.now();
      const orgId = ids.next();
      orgIds[k] = orgId;
      const org: Organization = {
        id: orgId,
        name: normalizeOrgName(k === 0 ? "Scale largest" : `Scale org ${k}`),
        tier: k === 0 ? "TIER_MAX_V1" : "TIER_DEV_V1",
        created_at: t,
        updated_at: t,
        suspended_at: null,
        deleted_at: null,
      };
      const ms: Mutation[] = [
        ...putOrgWrites(org),
        { op: "atomicAdd", key: OrgKeys.orgCount, delta: 1 },
      ];
      const memberUsers: number[] = [];
      if (k === 0) {
        for (let u = 0; u < L.members; u++) {
          memberUsers.push(u);
          const role: OrgRole = u === 0 ? "OWNER" : u < 5 ? "ADMIN" : "MEMBER";
          ms.push(...putMemberWrites(member(orgId, u, role, t)));
        }
      } else {
        const base = smallBase(k, shape);
        for (let j = 0; j < SMALL_MEMBERS; j++) {
          memberUsers.push(base + j);
          ms.push(...putMemberWrites(member(orgId, base + j, j === 0 ? "OWNER" : "MEMBER", t)));
        }
        if (k <= EXTRA_ORGS_OF_USER0) ms.push(...putMemberWrites(member(orgId, 0, "MEMBER", t)));
      }
      const ownerId = userIds[memberUsers[0]!]!;
      const teamCount = k === 0 ? L.teams : 1;
      const teamIds: string[] = [];
      for (let i = 0; i < teamCount; i++) {
        const team: Team = {
          id: ids.next(),
          org_id: orgId,
          name: normalizeTeamName(`team ${String(i).padStart(3, "0")}`),
          description: "",
          created_at: t,
          updated_at: t,
        };
        teamIds.push(team.id);
        ms.push(...putTeamWrites(team));
        const size = k === 0 ? TEAM_SIZE : 2;
        for (let j = 0; j < size; j++) {
          const u = k === 0 ? (i * 5 + j) % L.members : memberUsers[j]!;
          const tm: TeamMember = {
            id: ids.next(),
            team_id: team.id,
            user_id: userIds[u]!,
            manager: j === 0,
            created_at: t,
          };
          ms.push(...putTeamMemberWrites(orgId, tm));
        }
        if (k === 0) {
          const tp: TeamPermission = {
            id: ids.next(),
            team_id: team.id,
            permission: ORG_PERMISSIONS[i % ORG_PERMISSIONS.length] as OrgPermission,
            granted_by_user_id: ownerId,
            granted_at: t,
          };
          ms.push(...putTeamPermissionWrites(orgId, tp));
        }
      }
      const vaultCount = k === 0 ? L.vaults : 1;
      for (let i = 0; i < vaultCount; i++) {
        const name = `vault-${String(i).padStart(4, "0")}`;
        assertVaultName(name);
        const vault: Vault = {
          id: ids.next(),
          org_id: orgId,
          name,
          description: "",
          sync_status: "SYNCED",
          sync_error: null,
          created_by_user_id: ownerId,
          created_at: t,
          updated_at: t,
          deleted_at: null,
        };
        const entry: OrgVaultEntry = {
          id: vault.id,
          name,
          state: "live",
          pending_name: null,
          created_by_user_id: ownerId,
          since: t,
        };
        const grant = (kind: "user" | "team", subject: string, role: VaultGrant["role"]) =>
          ({
            id: ids.next(),
            vault_id: vault.id,
            kind,
            subject_id: subject,
            role,
            granted_at: t,
            granted_by_user_id: ownerId,
            updated_at: t,
          }) satisfies VaultGrant;
        ms.push(...putEntryWrites(orgId, entry), ...putVaultWrites(vault));
        ms.push(...putGrantWrites(grant("user", ownerId, "ADMIN")));
        if (k === 0)
          ms.push(...putGrantWrites(grant("team", teamIds[i % teamIds.length]!, "READER")));
        if (k === 0 && i === Math.floor(vaultCount / 2)) largestVault = vault.id;
      }
      if (k === 0) largestTeam = teamIds[0]!;
      await put(ms);
    }

    // Clients with one published certificate each: organization 0 and every hundredth.
    const sealer = createSealer(secret, CERTIFICATE_SEAL_PURPOSE);
    // At most one per organization (SCALE_ORGS below the key count shrinks it).
    const keyed = Math.min(shape.jwksOrgs, shape.orgs);
    const step = Math.max(1, Math.floor(shape.orgs / Math.max(1, keyed)));
    for (let n = 0; n < keyed; n++) {
      const k = n * step;
      const orgId = orgIds[k]!;
      const ownerId = userIds[k === 0 ? 0 : smallBase(k, shape)]!;
      const t = clock.now();
      const client: Client = {
        id: ids.next(),
        org_id: orgId,
        name: "scale client",
        description: "",
        active: true,
        created_at: t,
        updated_at: t,
        deactivated_at: null,
      };
      const { publicKey, seed } = generateEd25519();
      const certId = ids.next();
      const cert: Certificate = {
        id: certId,
        org_id: orgId,
        client_id: client.id,
        name: "scale certificate",
        kid: certificateKid(orgId, client.id, certId),
        public_key: publicKey.toString("base64"),
        sealed_private_key: sealer.seal(seed.toString("base64")),
        created_at: t,
        created_by_user_id: ownerId,
        revoked_at: null,
        revoked_by_user_id: null,
      };
      await put([
        ...putClientWrites(client),
        ...putCertificateWrites(cert),
        ...publishKeysWrites(orgId, [cert]),
      ]);
    }

    // Audit events over the last 30 days, time-ordered ids.
    const random = prng(16);
    const eventStart = now - 30 * DAY_MS;
    const eventSpan = 30 * DAY_MS - 60_000;
    let largestEvents = 0;
    for (let i = 0; i < shape.events; i++) {
      at(eventStart + (i * eventSpan) / shape.events);
      let orgId: string;
      let u: number;
      if (i % 10 === 0) {
        orgId = orgIds[0]!;
        u = Math.floor(random() * L.members);
        largestEvents++;
      } else {
        const k = 1 + Math.floor(random() * (shape.orgs - 1));
        orgId = orgIds[k]!;
        u = smallBase(k, shape) + Math.floor(random() * SMALL_MEMBERS);
      }
      const [eventType, resourceType] = EVENT_TYPES[i % EVENT_TYPES.length]!;
      const event = auditEvent(ids.next(), clock.now(), {
        event_type: eventType,
        organization_id: orgId,
        user_id: userIds[u]!,
        resource_type: resourceType,
        resource_id: ids.next(),
        event_data: { n: i },
        ip_address: "127.0.0.1",
        user_agent: "scale-bench",
      });
      await put(appendAuditWrites(event));
    }

    // The bench's session: user 0, created now (the real clock), WEB lifetime.
    const ttlMs = DAY_MS;
    const sessionId = ids.next();
    const credential = issueCredential(sessionId);
    const session: SessionRecord = {
      id: sessionId,
      user_id: owner0,
      session_type: "WEB",
      secret_hash: credential.secretHash,
      created_at: now,
      ip_address: "127.0.0.1",
      user_agent: "scale-bench",
      machine: startSession({ ttlMs, touchGranularityMs: touchGranularityMs(ttlMs), now }),
    };
    await put(putSessionWrites(session));
    await w.flush();

    const smallK = shape.orgs - 1;
    return {
      token: credential.token,
      user: owner0,
      org: orgIds[0]!,
      team: largestTeam,
      vault: largestVault,
      smallOrg: orgIds[smallK]!,
      smallOrgOwner: userIds[smallBase(smallK, shape)]!,
      largestEvents,
      mutations: w.mutations,
      commits: w.commits,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await backend.close();
  }
}
