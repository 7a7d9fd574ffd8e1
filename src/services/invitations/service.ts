/**
 * Invitation use cases (docs/organizations.md#invitations; docs/http-api.md (A5, A9, A12, A16)): an ADMIN (or a holder of
 * ORG_PERM_INVITE_USERS) invites an address; the token `<invitation id>.<secret>` goes only to
 * that address, by mail through the outbox written in the same actor turn as the invitation; the
 * invitee accepts or declines with a verified address equal to the invitation's.
 */
import { createHash } from "node:crypto";
import { issueCredential, parseCredential } from "../../crypto/tokens.ts";
import { claimInvitation, liveInvitationClaim } from "../../domain/invitations/claims.ts";
import { type Invitation, isExpired } from "../../domain/invitations/types.ts";
import {
  InvitationCodec,
  InvitationLocatorCodec,
  OrganizationCodec,
} from "../../domain/organizations/codecs.ts";
import { OrgErrors } from "../../domain/organizations/errors.ts";
import { OrgKeys } from "../../domain/organizations/keys.ts";
import { type PageRequest, paginate } from "../../domain/organizations/turn.ts";
import type { OrgRole } from "../../domain/organizations/types.ts";
import { normalizeInviteEmail } from "../../domain/organizations/validation.ts";
import { invitationView } from "../../domain/organizations/views.ts";
import { idFromItem } from "../../domain/users/keys.ts";
import { getUser } from "../../domain/users/records.ts";
import type { OutboxEntry } from "../../email/outbox.ts";
import { frontendLink, invitationMail } from "../../email/templates.ts";
import type { ReadOps } from "../../kv/types.ts";
import { CommonErrors } from "../../lib/errors.ts";
import { compareIds } from "../../lib/ids.ts";
import { RuntimeErrors } from "../../runtime/errors.ts";
import { type CallOptions, type Principal, scopedIdempotencyKey } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { askOrg } from "../organizations/ask.ts";
import { verifiedEmailsOf } from "../organizations/service.ts";

export const INVITATION_ACCEPT_PATH = "/invitations/accept";

type InvitationDto = ReturnType<typeof invitationView>;
export type InboxEntry = InvitationDto & { organization_name: string };

/** What an invitation create sends the organization actor besides the mail budgets. */
interface PreparedInvitation {
  invitationId: string;
  email: string;
  role: OrgRole;
  token: string;
  secretHash: string;
  mail: OutboxEntry;
}

export class InvitationService {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /**
   * POST …/invitations: 201 with the invitation (never its token: that goes by mail only). With an
   * Idempotency-Key the prepared message (id, token, mail) is claimed once per (user, key) for
   * 24 h, sealed, so a retry sends the actor the same message and gets the first outcome back.
   */
  async create(
    p: Principal,
    orgId: string,
    input: { email: string; role: OrgRole },
    opts: CallOptions,
  ) {
    const d = this.#d;
    const email = normalizeInviteEmail(input.email);
    const prepare = () => this.#prepare(p, orgId, email, input.role);
    let message: PreparedInvitation;
    if (opts.idempotencyKey) {
      // Validated (and scoped) before it becomes part of a stored claim.
      scopedIdempotencyKey(p.userId, opts.idempotencyKey);
      const fingerprint = createHash("sha256")
        .update(JSON.stringify([orgId, email, input.role]))
        .digest("hex");
      const key = opts.idempotencyKey;
      // A retry finds its claim without preparing (minting an id and token) again.
      const live = await d.kv.transact(
        (tx) => liveInvitationClaim(tx.snapshot, p.userId, key, d.clock.now()),
        { name: "invitation.claim.read" },
      );
      const fresh = live ? undefined : await prepare();
      const claim =
        live ??
        (await d.kv.transact(
          (tx) =>
            claimInvitation(tx, {
              userId: p.userId,
              key,
              now: d.clock.now(),
              fingerprint,
              prepare: () => d.sealer.seal(JSON.stringify(fresh)),
            }),
          { name: "invitation.claim" },
        ));
      if (claim.fingerprint !== fingerprint) throw RuntimeErrors.IDEMPOTENCY_KEY_REUSED();
      message = JSON.parse(d.sealer.open(claim.sealed)) as PreparedInvitation;
    } else message = await prepare();
    const reply = await askOrg(
      d,
      p,
      orgId,
      "invitations.create",
      { ...message, mailRules: this.#mailRules() },
      opts,
    );
    d.delivery.deliverNow([message.mail.id]).catch((e: unknown) => {
      d.log.warn("invitation mail not sent yet; the outbox job retries", {
        err: e,
        mail_id: message.mail.id,
      });
    });
    return reply;
  }

  /** A fresh invitation message: its id, one-time token (only its hash is stored) and mail. */
  async #prepare(
    p: Principal,
    orgId: string,
    email: string,
    role: OrgRole,
  ): Promise<PreparedInvitation> {
    const d = this.#d;
    const invitationId = d.ids.next();
    const { token, secretHash } = issueCredential(invitationId);
    const { orgName, inviterName } = await d.kv.transact(
      async (tx) => {
        const org = await tx.snapshot.get(OrgKeys.org(orgId));
        return {
          orgName: org ? OrganizationCodec.decode(org).name : "",
          inviterName: (await getUser(tx.snapshot, p.userId))?.name ?? "A member",
        };
      },
      { name: "invitation.precheck" },
    );
    const rendered = invitationMail({
      organizationName: orgName,
      inviterName,
      role,
      link: frontendLink(d.settings.frontendBaseUrl, INVITATION_ACCEPT_PATH, token),
    });
    const mail = d.outbox.entry({ to: email, kind: "invitation", ...rendered });
    return { invitationId, email, role, token, secretHash, mail };
  }

  /** The invitation mail's rate limits (config `rate_limiting.invitations_*`), none when off. */
  #mailRules() {
    const { limiter, settings } = this.#d;
    if (!limiter.enabled) return { perOrg: null, perAddress: null, perAddressAll: null };
    return {
      perOrg: settings.rules.invitationsPerOrg,
      perAddress: settings.rules.invitationsPerAddress,
      perAddressAll: settings.rules.invitationsPerAddressAll,
    };
  }

  list(p: Principal, orgId: string, page: PageRequest) {
    return askOrg(this.#d, p, orgId, "invitations.list", { page });
  }

  async delete(
    p: Principal,
    orgId: string,
    invitationId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, "invitations.delete", { invitationId }, opts);
  }

  /** POST /v1/organizations/invitations/accept: joins with the invited role. */
  async accept(p: Principal, token: string, opts: CallOptions) {
    // A token that is not even shaped like one is a malformed request (422, as the schema's
    // pattern answers), not an unknown invitation: its shape is public, so this reveals nothing.
    const cred = parseCredential(token);
    if (!cred) {
      throw CommonErrors.VALIDATION_FAILED(undefined, {
        details: [{ field: "token", message: "is not an invitation token" }],
      });
    }
    const { orgId, verifiedEmails } = await this.#locate(p, cred.id);
    if (!orgId) throw OrgErrors.INVITATION_INVALID();
    return askOrg(
      this.#d,
      p,
      orgId,
      "invitations.accept",
      { invitationId: cred.id, secret: cred.secret, verifiedEmails },
      opts,
    );
  }

  /** POST /v1/users/invitations/{invitation}/decline. */
  async decline(p: Principal, invitationId: string, opts: CallOptions): Promise<void> {
    const { orgId, verifiedEmails } = await this.#locate(p, invitationId);
    if (!orgId) throw OrgErrors.INVITATION_NOT_FOUND();
    await askOrg(this.#d, p, orgId, "invitations.decline", { invitationId, verifiedEmails }, opts);
  }

  /** GET /v1/users/invitations: pending invitations to the caller's verified addresses. */
  async inbox(
    p: Principal,
    page: PageRequest,
  ): Promise<{ invitations: InboxEntry[]; total: number }> {
    const now = this.#d.clock.now();
    const all = await this.#d.kv.transact(
      async (tx) => {
        const out: InboxEntry[] = [];
        for (const email of await verifiedEmailsOf(tx.snapshot, p.userId)) {
          const [begin, end] = OrgKeys.inboxRange(email);
          for (const row of await tx.snapshot.getRange(begin, end)) {
            const { org_id } = InvitationLocatorCodec.decode(row.value);
            const invId = idFromItem(OrgKeys.inboxSpace.unpack(row.key)[1]);
            const inv = await readInvitation(tx.snapshot, org_id, invId);
            if (!inv || isExpired(inv, now)) continue;
            const org = await tx.snapshot.get(OrgKeys.org(org_id));
            const name = org ? OrganizationCodec.decode(org).name : "";
            out.push({ ...invitationView(inv), organization_name: name });
          }
        }
        return out;
      },
      { name: "invitation.inbox" },
    );
    all.sort((a, b) => compareIds(a.id, b.id));
    const pageOf = paginate(all, page);
    return { invitations: pageOf.items, total: pageOf.total };
  }

  async #locate(p: Principal, invitationId: string) {
    return this.#d.kv.transact(
      async (tx) => {
        const loc = await tx.snapshot.get(OrgKeys.invitationLocator(invitationId));
        return {
          orgId: loc ? InvitationLocatorCodec.decode(loc).org_id : undefined,
          verifiedEmails: await verifiedEmailsOf(tx.snapshot, p.userId),
        };
      },
      { name: "invitation.locate" },
    );
  }
}

async function readInvitation(
  tx: ReadOps,
  orgId: string,
  invId: string,
): Promise<Invitation | undefined> {
  const bytes = await tx.get(OrgKeys.invitation(orgId, invId));
  return bytes ? InvitationCodec.decode(bytes) : undefined;
}
