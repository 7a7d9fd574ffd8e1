/**
 * The in-memory state of one organization (what its actor holds), how it is rebuilt from the one
 * range read of the organization's keys, and the principal context `can()` needs.
 *
 * State is treated as immutable: operations return a new state that shares unchanged maps (see
 * `src/runtime/define.ts`: a failed turn keeps the previous state).
 */
import type { KeyValue } from "../../kv/types.ts";
import type { PrincipalContext } from "../authz/can.ts";
import type { OrgPermission } from "../authz/permissions.ts";
import type { Invitation } from "../invitations/types.ts";
import { TeamCodec, TeamMemberCodec, TeamPermissionCodec } from "../teams/codecs.ts";
import type { Team, TeamMember, TeamPermission } from "../teams/types.ts";
import { OrgVaultEntryCodec } from "../vaults/codecs.ts";
import type { OrgVaultEntry } from "../vaults/types.ts";
import { InvitationCodec, MemberCodec, OrganizationCodec } from "./codecs.ts";
import { OrgKeys } from "./keys.ts";
import type { Member, Organization } from "./types.ts";

export interface OrgState {
  readonly org: Organization | null;
  /** Members by user id. */
  readonly members: ReadonlyMap<string, Member>;
  /** Invitations by id. */
  readonly invitations: ReadonlyMap<string, Invitation>;
  /** Teams by id. */
  readonly teams: ReadonlyMap<string, Team>;
  /** Team members by team id, then user id. */
  readonly teamMembers: ReadonlyMap<string, ReadonlyMap<string, TeamMember>>;
  /** Team permissions by team id, then permission. */
  readonly teamPermissions: ReadonlyMap<string, ReadonlyMap<OrgPermission, TeamPermission>>;
  /** The organization's vault entries by vault id (names, tier count: src/domain/vaults/entries.ts). */
  readonly vaults: ReadonlyMap<string, OrgVaultEntry>;
}

export const EMPTY_ORG_STATE: OrgState = {
  org: null,
  members: new Map(),
  invitations: new Map(),
  teams: new Map(),
  teamMembers: new Map(),
  teamPermissions: new Map(),
  vaults: new Map(),
};

/** Rebuilds the state from the pairs of `OrgKeys.orgRange(orgId)`. */
export function stateFromRows(orgId: string, rows: readonly KeyValue[]): OrgState {
  const space = OrgKeys.orgSpace(orgId);
  let org: Organization | null = null;
  const members = new Map<string, Member>();
  const invitations = new Map<string, Invitation>();
  const teams = new Map<string, Team>();
  const teamMembers = new Map<string, Map<string, TeamMember>>();
  const teamPermissions = new Map<string, Map<OrgPermission, TeamPermission>>();
  const vaults = new Map<string, OrgVaultEntry>();
  for (const { key, value } of rows) {
    const tag = space.unpack(key)[0];
    switch (tag) {
      case "org":
        org = OrganizationCodec.decode(value);
        break;
      case "mem": {
        const m = MemberCodec.decode(value);
        members.set(m.user_id, m);
        break;
      }
      case "inv": {
        const inv = InvitationCodec.decode(value);
        invitations.set(inv.id, inv);
        break;
      }
      case "team": {
        const t = TeamCodec.decode(value);
        teams.set(t.id, t);
        break;
      }
      case "tmem": {
        const tm = TeamMemberCodec.decode(value);
        const inner = teamMembers.get(tm.team_id) ?? new Map();
        inner.set(tm.user_id, tm);
        teamMembers.set(tm.team_id, inner);
        break;
      }
      case "tperm": {
        const tp = TeamPermissionCodec.decode(value);
        const inner = teamPermissions.get(tp.team_id) ?? new Map();
        inner.set(tp.permission, tp);
        teamPermissions.set(tp.team_id, inner);
        break;
      }
      case "vault": {
        const e = OrgVaultEntryCodec.decode(value);
        vaults.set(e.id, e);
        break;
      }
      default:
        // Keys of a newer layout version: refuse rather than guess.
        throw new RangeError(`unknown organization key tag ${String(tag)} in org ${orgId}`);
    }
  }
  return { org, members, invitations, teams, teamMembers, teamPermissions, vaults };
}

/** True when the organization exists and is not deleted. */
export function isLive(state: OrgState): state is OrgState & { org: Organization } {
  return state.org !== null && state.org.deleted_at === null;
}

/** The principal context of `userId`, or undefined when they are not a member. */
export function principalContext(state: OrgState, userId: string): PrincipalContext | undefined {
  const member = state.members.get(userId);
  if (!member) return undefined;
  const permissions = new Set<OrgPermission>();
  const teams = new Set<string>();
  const managerOf = new Set<string>();
  for (const [teamId, inner] of state.teamMembers) {
    const tm = inner.get(userId);
    if (!tm) continue;
    teams.add(teamId);
    if (tm.manager) managerOf.add(teamId);
    for (const perm of state.teamPermissions.get(teamId)?.keys() ?? []) permissions.add(perm);
  }
  return { userId, role: member.role, permissions, teams, managerOf };
}

/** Number of OWNER members. */
export function ownerCount(state: OrgState): number {
  let n = 0;
  for (const m of state.members.values()) if (m.role === "OWNER") n++;
  return n;
}

/** Finds a member by membership id. */
export function memberById(state: OrgState, memberId: string): Member | undefined {
  for (const m of state.members.values()) if (m.id === memberId) return m;
  return undefined;
}

/**
 * `(map) => its values sorted by cmp`, computed once per map and remembered while the map lives:
 * the state's maps are never changed in place (`withEntry` copies), so a list read of an
 * unchanged organization does not sort 500 members again (bench scale).
 */
export function sortedValuesOf<V>(cmp: (a: V, b: V) => number) {
  const cache = new WeakMap<ReadonlyMap<unknown, V>, readonly V[]>();
  return (map: ReadonlyMap<unknown, V>): readonly V[] => {
    let sorted = cache.get(map);
    if (sorted === undefined) {
      sorted = [...map.values()].sort(cmp);
      cache.set(map, sorted);
    }
    return sorted;
  };
}

/** Returns a copy of `map` with `key` set to `value` (or removed when `value` is undefined). */
export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V | undefined): Map<K, V> {
  const next = new Map(map);
  if (value === undefined) next.delete(key);
  else next.set(key, value);
  return next;
}

/** Idem for a map of maps. */
export function withNested<K, K2, V>(
  map: ReadonlyMap<K, ReadonlyMap<K2, V>>,
  key: K,
  key2: K2,
  value: V | undefined,
): Map<K, ReadonlyMap<K2, V>> {
  return withEntry(map, key, withEntry(map.get(key) ?? new Map<K2, V>(), key2, value));
}
