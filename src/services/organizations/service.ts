/**
 * Organization use cases (docs/organizations.md; docs/http-api.md (A4, A8, A16)), shared by HTTP and gRPC. Every
 * organization-scoped call is one message to the organization's actor, which resolves the caller's
 * membership and runs `can()` against its own state: the organization id from the URL is never
 * trusted on its own. Also the organizations side of account deletion (`OrgMembershipPort`).
 */

import { fencedBatchJob } from "../../cluster/fenced-job.ts";
import type { LeaderJob } from "../../cluster/jobs-types.ts";
import type { Action } from "../../domain/authz/permissions.ts";
import { listUserEmails } from "../../domain/emails/records.ts";
import { sweepExpiredInvitationClaims } from "../../domain/invitations/claims.ts";
import { claimOrgId, sweepExpiredClaims } from "../../domain/organizations/claims.ts";
import {
  MemberCodec,
  MembershipIndexCodec,
  OrganizationCodec,
} from "../../domain/organizations/codecs.ts";
import {
  clearDeletionMarkWrites,
  deletionMarkWrites,
} from "../../domain/organizations/deletion.ts";
import { OrgErrors } from "../../domain/organizations/errors.ts";
import { OrgKeys } from "../../domain/organizations/keys.ts";
import { MAX_ORGS_GLOBAL } from "../../domain/organizations/limits.ts";
import type { PageRequest } from "../../domain/organizations/turn.ts";
import type { Organization, OrgRole, OrgTier } from "../../domain/organizations/types.ts";
import type { OrganizationView } from "../../domain/organizations/views.ts";
import { orgView } from "../../domain/organizations/views.ts";
import { UserErrors } from "../../domain/users/errors.ts";
import { idFromItem } from "../../domain/users/keys.ts";
import { applyMutations, decodeI64LE, type ReadOps } from "../../kv/types.ts";
import { isAppError } from "../../lib/errors.ts";
import {
  type CallOptions,
  type Principal,
  type RequestMeta,
  scopedIdempotencyKey,
} from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { OrgMembershipPort } from "../users/service.ts";
import { askOrg, orgActors } from "./ask.ts";
import { runOrgCascades } from "./cascades.ts";

/** The caller's verified addresses, lower-cased (a snapshot read). */
export async function verifiedEmailsOf(tx: ReadOps, userId: string): Promise<string[]> {
  return (await listUserEmails(tx, userId))
    .filter((e) => e.verified_at !== null)
    .map((e) => e.email);
}

export class OrganizationService implements OrgMembershipPort {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /**
   * POST /v1/organizations: the caller becomes OWNER (needs a verified address; limits apply).
   * With an Idempotency-Key the organization id is claimed once per (user, key) for 24 h, so a
   * retry reaches the same actor, which answers it from its stored outcome.
   */
  async create(p: Principal, input: { name: string }, opts: CallOptions) {
    const d = this.#d;
    const { verified, count } = await d.kv.transact(
      async (tx) => ({
        verified: (await verifiedEmailsOf(tx.snapshot, p.userId)).length > 0,
        count: Number(decodeI64LE(await tx.snapshot.get(OrgKeys.orgCount))),
      }),
      { name: "org.create.precheck" },
    );
    // A snapshot read: the global cap may be overshot by the creations racing at this instant.
    if (count >= MAX_ORGS_GLOBAL) throw OrgErrors.GLOBAL_ORG_LIMIT();
    // Validate the key before it becomes part of a stored claim.
    if (opts.idempotencyKey) scopedIdempotencyKey(p.userId, opts.idempotencyKey);
    const orgId = opts.idempotencyKey
      ? await this.#claimOrgId(p.userId, opts.idempotencyKey)
      : d.ids.next();
    return askOrg(d, p, orgId, "create", { name: input.name, creatorVerified: verified }, opts);
  }

  /**
   * The default organization of a new account (docs/identity.md#flows, `DefaultOrganizationPort`
   * of src/services/auth/service.ts): `userId` its OWNER, tier TIER_DEV_V1, without the
   * verified-address rule of `create`; the global and per-user limits apply (the actor counts the
   * user's organizations). `orgId` was claimed with the account, so a retry reaches the same
   * actor; finding it already created with the user as a member counts as done.
   */
  async createDefault(
    userId: string,
    orgId: string,
    name: string,
    meta: RequestMeta,
  ): Promise<void> {
    const d = this.#d;
    const p: Principal = { userId, sessionId: "" };
    const count = await d.kv.transact(
      async (tx) => Number(decodeI64LE(await tx.snapshot.get(OrgKeys.orgCount))),
      { name: "org.create_default.precheck" },
    );
    if (count >= MAX_ORGS_GLOBAL) throw OrgErrors.GLOBAL_ORG_LIMIT();
    try {
      // creatorVerified: the default organization is exempt from the verified-address rule.
      await askOrg(d, p, orgId, "create", { name, creatorVerified: true }, { meta });
    } catch (e) {
      if (!isAppError(e) || e.code !== "ORG_EXISTS") throw e;
      await askOrg(d, p, orgId, "get", {}); // 404 unless this user is a member
    }
  }

  #claimOrgId(userId: string, key: string): Promise<string> {
    const d = this.#d;
    return d.kv.transact(
      (tx) => claimOrgId(tx, { userId, key, now: d.clock.now(), newId: () => d.ids.next() }),
      { name: "org.create.claim" },
    );
  }

  /** GET /v1/organizations: the caller's organizations, by organization id (committed reads). */
  async listMine(
    p: Principal,
    page: PageRequest,
  ): Promise<{ organizations: OrganizationView[]; total: number }> {
    return this.#d.kv.transact(
      async (tx) => {
        const [begin, end] = OrgKeys.userMemberships(p.userId);
        const rows = await tx.snapshot.getRange(begin, end);
        const slice = rows.slice(page.offset, page.offset + page.limit);
        const organizations: OrganizationView[] = [];
        for (const row of slice) {
          const idx = MembershipIndexCodec.decode(row.value);
          const org = await readOrg(tx.snapshot, idx.org_id);
          if (org && org.deleted_at === null) organizations.push(orgView(org, idx.role));
        }
        return { organizations, total: rows.length };
      },
      { name: "org.listMine" },
    );
  }

  get(p: Principal, orgId: string) {
    return askOrg(this.#d, p, orgId, "get", {});
  }

  /** Resolves the caller's membership and checks `action` (404 outsider, 403 denied). */
  check(p: Principal, orgId: string, action: Action) {
    return askOrg(this.#d, p, orgId, "check", { action });
  }

  update(p: Principal, orgId: string, input: { name: string }, opts: CallOptions) {
    return askOrg(this.#d, p, orgId, "update", { name: input.name }, opts);
  }

  async delete(p: Principal, orgId: string, opts: CallOptions): Promise<void> {
    await askOrg(this.#d, p, orgId, "delete", {}, opts);
    await runOrgCascades(this.#d, orgId);
  }

  suspend(p: Principal, orgId: string, opts: CallOptions) {
    return askOrg(this.#d, p, orgId, "suspend", {}, opts);
  }

  resume(p: Principal, orgId: string, opts: CallOptions) {
    return askOrg(this.#d, p, orgId, "resume", {}, opts);
  }

  listMembers(p: Principal, orgId: string, page: PageRequest) {
    return askOrg(this.#d, p, orgId, "members.list", { page });
  }

  changeRole(p: Principal, orgId: string, memberId: string, role: OrgRole, opts: CallOptions) {
    return askOrg(this.#d, p, orgId, "members.role", { memberId, role }, opts);
  }

  async removeMember(
    p: Principal,
    orgId: string,
    memberId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, "members.remove", { memberId }, opts);
    await runOrgCascades(this.#d, orgId);
  }

  async leave(p: Principal, orgId: string, opts: CallOptions): Promise<void> {
    await askOrg(this.#d, p, orgId, "members.leave", {}, opts);
    await runOrgCascades(this.#d, orgId);
  }

  transferOwnership(p: Principal, orgId: string, newOwnerUserId: string, opts: CallOptions) {
    return askOrg(this.#d, p, orgId, "transfer", { newOwnerUserId }, opts);
  }

  /** Operator action (billing): sets the organization's tier. No public route. */
  setTier(orgId: string, tier: OrgTier) {
    return orgActors(this.#d.actors).ask(
      orgId,
      "tier.set",
      { tier },
      { principal: { operator: true } },
    );
  }

  // OrgMembershipPort ---------------------------------------------------------------------------

  async ownedSoleOrganizations(userId: string): Promise<{ id: string; name: string }[]> {
    return this.#d.kv.transact(
      async (tx) => {
        const out: { id: string; name: string }[] = [];
        for (const idx of await membershipsOf(tx.snapshot, userId)) {
          if (idx.role !== "OWNER") continue;
          const org = await readOrg(tx.snapshot, idx.org_id);
          if (!org || org.deleted_at !== null) continue;
          const [begin, end] = OrgKeys.orgSpace(idx.org_id).range("mem");
          const owners = (await tx.snapshot.getRange(begin, end)).filter(
            (r) => MemberCodec.decode(r.value).role === "OWNER",
          );
          if (owners.length <= 1) out.push({ id: org.id, name: org.name });
        }
        return out;
      },
      { name: "org.ownedSole" },
    );
  }

  /**
   * Removes every membership of a user whose account is being deleted. The deletion mark is
   * written in the transaction that lists the memberships (a conflicting read), so an acceptance
   * racing the deletion is either listed here or refused by its actor
   * (src/domain/organizations/deletion.ts). If a purge fails the mark is cleared again.
   */
  async removeUserEverywhere(userId: string): Promise<void> {
    const d = this.#d;
    const memberships = await d.kv.transact(
      async (tx) => {
        applyMutations(tx, deletionMarkWrites(userId, d.clock.now()));
        return membershipsOf(tx, userId);
      },
      { name: "org.memberships" },
    );
    try {
      for (const idx of memberships) {
        try {
          await askOrg(d, { userId, sessionId: "" }, idx.org_id, "members.purge", { userId });
          await runOrgCascades(d, idx.org_id);
        } catch (e) {
          if (isAppError(e) && e.code === "LAST_OWNER") {
            throw UserErrors.USER_IS_LAST_OWNER(undefined, { meta: { orgId: idx.org_id } });
          }
          throw e;
        }
      }
    } catch (e) {
      await d.kv
        .transact(async (tx) => applyMutations(tx, clearDeletionMarkWrites(userId)), {
          name: "org.deletionMark.clear",
        })
        .catch(() => undefined); // an abandoned mark expires (DELETION_MARK_TTL_MS)
      throw e;
    }
  }
}

async function readOrg(tx: ReadOps, orgId: string): Promise<Organization | undefined> {
  const bytes = await tx.get(OrgKeys.org(orgId));
  return bytes ? OrganizationCodec.decode(bytes) : undefined;
}

async function membershipsOf(tx: ReadOps, userId: string) {
  const [begin, end] = OrgKeys.userMemberships(userId);
  return (await tx.getRange(begin, end)).map((r) => {
    const idx = MembershipIndexCodec.decode(r.value);
    // The key is authoritative for the organization id.
    return { ...idx, org_id: idFromItem(OrgKeys.userSpace.unpack(r.key)[1]) };
  });
}

/** Claims examined per batch of the cleanup job. */
const CLAIM_BATCH = 200;

/**
 * Leader job `org-create-claims-cleanup`: deletes create claims (Idempotency-Key → organization
 * id) older than 24 h, oldest first, in fenced batches.
 */
export function createClaimCleanupJob(intervalMs = 60_000): LeaderJob {
  return fencedBatchJob({
    name: "org-create-claims-cleanup",
    intervalMs,
    async batch(tx, ctx) {
      const now = ctx.clock.now();
      const swept = await sweepExpiredClaims(tx, now, CLAIM_BATCH);
      const room = CLAIM_BATCH - swept;
      const invitations = room > 0 ? await sweepExpiredInvitationClaims(tx, now, room) : 0;
      return { more: swept + invitations === CLAIM_BATCH };
    },
  });
}
