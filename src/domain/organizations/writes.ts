/**
 * Pure write builders (`Mutation[]`) for every organization record (teams: ../teams/writes.ts) and the indexes that go with
 * it. The organization actor adds them to its turn's write set; each builder keeps a record and its
 * indexes together so they can never drift apart.
 */
import type { Mutation } from "../../kv/types.ts";
import type { Invitation } from "../invitations/types.ts";
import { VaultKeys } from "../vaults/keys.ts";
import {
  InvitationCodec,
  InvitationLocatorCodec,
  MemberCodec,
  MembershipIndexCodec,
  OrganizationCodec,
} from "./codecs.ts";
import { OrgKeys } from "./keys.ts";
import type { Member, Organization } from "./types.ts";

export function putOrgWrites(org: Organization): Mutation[] {
  return [{ op: "set", key: OrgKeys.org(org.id), value: OrganizationCodec.encode(org) }];
}

/** A member record with its per-user index entry. */
export function putMemberWrites(m: Member): Mutation[] {
  return [
    { op: "set", key: OrgKeys.member(m.org_id, m.user_id), value: MemberCodec.encode(m) },
    {
      op: "set",
      key: OrgKeys.userMembership(m.user_id, m.org_id),
      value: MembershipIndexCodec.encode({
        org_id: m.org_id,
        member_id: m.id,
        role: m.role,
        joined_at: m.created_at,
      }),
    },
  ];
}

/** Removes a member, its index entry and its team memberships (`teamIds`: the teams it is in). */
export function deleteMemberWrites(m: Member, teamIds: Iterable<string>): Mutation[] {
  const out: Mutation[] = [
    { op: "clear", key: OrgKeys.member(m.org_id, m.user_id) },
    { op: "clear", key: OrgKeys.userMembership(m.user_id, m.org_id) },
  ];
  for (const teamId of teamIds) {
    out.push({ op: "clear", key: OrgKeys.teamMember(m.org_id, teamId, m.user_id) });
  }
  return out;
}

/** An invitation with its locator and inbox entries. */
export function putInvitationWrites(inv: Invitation): Mutation[] {
  const locator = InvitationLocatorCodec.encode({ org_id: inv.org_id });
  return [
    { op: "set", key: OrgKeys.invitation(inv.org_id, inv.id), value: InvitationCodec.encode(inv) },
    { op: "set", key: OrgKeys.invitationLocator(inv.id), value: locator },
    { op: "set", key: OrgKeys.inbox(inv.email, inv.id), value: locator },
  ];
}

export function deleteInvitationWrites(inv: Invitation): Mutation[] {
  return [
    { op: "clear", key: OrgKeys.invitation(inv.org_id, inv.id) },
    { op: "clear", key: OrgKeys.invitationLocator(inv.id) },
    { op: "clear", key: OrgKeys.inbox(inv.email, inv.id) },
  ];
}

/**
 * Deletes an organization: clears its whole range, every member's index entry and every
 * invitation's locator and inbox entries, writes the tombstone and decrements the global count.
 */
export function deleteOrgWrites(
  tombstone: Organization,
  members: Iterable<Member>,
  invitations: Iterable<Invitation>,
): Mutation[] {
  const [begin, end] = OrgKeys.orgRange(tombstone.id);
  const [nb, ne] = VaultKeys.retiredNames(tombstone.id);
  const out: Mutation[] = [
    { op: "clearRange", begin, end },
    // The names of deleted vaults (docs/vaults.md): no vault can be created any more.
    { op: "clearRange", begin: nb, end: ne },
  ];
  for (const m of members)
    out.push({ op: "clear", key: OrgKeys.userMembership(m.user_id, m.org_id) });
  for (const inv of invitations) {
    out.push({ op: "clear", key: OrgKeys.invitationLocator(inv.id) });
    out.push({ op: "clear", key: OrgKeys.inbox(inv.email, inv.id) });
  }
  out.push(...putOrgWrites(tombstone));
  out.push({ op: "atomicAdd", key: OrgKeys.orgCount, delta: -1 });
  return out;
}
