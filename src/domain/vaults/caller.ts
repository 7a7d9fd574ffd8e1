/**
 * What a vault turn knows of its organization and caller, read from the organization's committed
 * keys through the turn's reader (`ctx.read`: re-validated at commit, so a membership, team or
 * suspension change committed meanwhile re-runs the turn on fresh data). The vault actor never
 * trusts a role sent in a message.
 */

import { Roots } from "../../kv/layout.ts";
import type { ReadOps as ActorReader } from "../../kv/types.ts";
import type { OrgPermission } from "../authz/permissions.ts";
import { MemberCodec, OrganizationCodec } from "../organizations/codecs.ts";
import { OrgKeys } from "../organizations/keys.ts";
import type { Member, Organization } from "../organizations/types.ts";
import { TeamPermissionCodec } from "../teams/codecs.ts";
import { idItem } from "../users/keys.ts";
import { OrgVaultEntryCodec } from "./codecs.ts";
import { VaultKeys } from "./keys.ts";
import type { OrgVaultEntry } from "./types.ts";

export interface CallerFacts {
  org: Organization | null;
  member: Member | null;
  /** Teams (among those asked about) the caller belongs to. */
  teams: ReadonlySet<string>;
  /** Team permissions of the caller (filled only when asked for). */
  permissions: ReadonlySet<OrgPermission>;
}

export async function readCaller(
  reader: ActorReader,
  orgId: string,
  userId: string,
  teamIds: Iterable<string>,
  opts: { permissions?: boolean } = {},
): Promise<CallerFacts> {
  const rawOrg = await reader.get(OrgKeys.org(orgId));
  const org = rawOrg ? OrganizationCodec.decode(rawOrg) : null;
  const rawMember = userId ? await reader.get(OrgKeys.member(orgId, userId)) : undefined;
  const member = rawMember ? MemberCodec.decode(rawMember) : null;
  const teams = new Set<string>();
  const permissions = new Set<OrgPermission>();
  if (member) {
    for (const t of new Set(teamIds)) {
      if (await reader.get(OrgKeys.teamMember(orgId, t, userId))) teams.add(t);
    }
    if (opts.permissions) {
      const [b, e] = Roots.org.range("o", idItem(orgId), "tperm");
      const byTeam = new Map<string, OrgPermission[]>();
      for (const { value } of await reader.getRange(b, e)) {
        const tp = TeamPermissionCodec.decode(value);
        byTeam.set(tp.team_id, [...(byTeam.get(tp.team_id) ?? []), tp.permission]);
      }
      for (const [t, perms] of byTeam) {
        if (teams.has(t) || (await reader.get(OrgKeys.teamMember(orgId, t, userId)))) {
          for (const p of perms) permissions.add(p);
        }
      }
    }
  }
  return { org, member, teams, permissions };
}

/** The organization's entry of `vaultId` (the reservation a create or rename needs). */
export async function readEntry(
  reader: ActorReader,
  orgId: string,
  vaultId: string,
): Promise<OrgVaultEntry | undefined> {
  const raw = await reader.get(VaultKeys.orgEntry(orgId, vaultId));
  return raw ? OrgVaultEntryCodec.decode(raw) : undefined;
}
