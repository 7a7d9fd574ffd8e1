/**
 * Team records (docs/organizations.md#key-layout-rootsorg), stored under their organization's key range. Team names are
 * unique per organization, case-insensitively; teams are deleted for real (with their members and
 * permissions), so a deleted team's name is free again (fix of docs/http-api.md#defects-of-the-original-fixed-here, #29).
 */
import type { OrgPermission } from "../authz/permissions.ts";

export interface Team {
  id: string;
  org_id: string;
  name: string;
  description: string;
  created_at: number;
  updated_at: number;
}

/** A user's membership of a team; `manager` lets them manage that team (docs/organizations.md#roles-and-what-they-may-do). */
export interface TeamMember {
  id: string;
  team_id: string;
  user_id: string;
  manager: boolean;
  created_at: number;
}

export interface TeamPermission {
  id: string;
  team_id: string;
  permission: OrgPermission;
  granted_by_user_id: string;
  granted_at: number;
}
