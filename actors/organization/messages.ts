/**
 * Messages of the organization actor: their types and `parseOrgMessage`, which checks a plain JSON
 * message (it may have crossed threads or nodes) and refuses a malformed one with a 400.
 */

import {
  type Action,
  isAction,
  isOrgPermission,
  type OrgPermission,
} from "../../src/domain/authz/permissions.ts";
import {
  isOrgRole,
  ORG_TIERS,
  type OrgRole,
  type OrgTier,
} from "../../src/domain/organizations/types.ts";
import type { OutboxEntry } from "../../src/email/outbox.ts";
import { CommonErrors } from "../../src/lib/errors.ts";
import { isId } from "../../src/lib/ids.ts";
import type { ActorMessage } from "../../src/runtime/define.ts";

/** Request origin recorded in audit events. */
export interface MessageMeta {
  ip: string | null;
  userAgent: string | null;
}

interface Page {
  limit: number;
  offset: number;
}

export type OrgMessage = { meta?: MessageMeta } & (
  | { type: "create"; name: string; creatorVerified: boolean }
  | { type: "get" }
  | { type: "check"; action: Action }
  | { type: "tier.set"; tier: OrgTier }
  | { type: "update"; name: string }
  | { type: "delete" }
  | { type: "suspend" }
  | { type: "resume" }
  | { type: "members.list"; page: Page }
  | { type: "members.role"; memberId: string; role: OrgRole }
  | { type: "members.remove"; memberId: string }
  | { type: "members.leave" }
  | { type: "members.purge"; userId: string }
  | { type: "transfer"; newOwnerUserId: string }
  | {
      type: "invitations.create";
      invitationId: string;
      email: string;
      role: OrgRole;
      token: string;
      secretHash: string;
      mail: OutboxEntry;
    }
  | { type: "invitations.list"; page: Page }
  | { type: "invitations.delete"; invitationId: string }
  | { type: "invitations.accept"; invitationId: string; secret: string; verifiedEmails: string[] }
  | { type: "invitations.decline"; invitationId: string; verifiedEmails: string[] }
  | { type: "invitations.expire"; invitationId: string; at: number }
  | { type: "teams.create"; name: string; description: string | null }
  | { type: "teams.list"; page: Page }
  | { type: "teams.get"; teamId: string }
  | { type: "teams.update"; teamId: string; name: string | null; description: string | null }
  | { type: "teams.delete"; teamId: string }
  | { type: "teamMembers.add"; teamId: string; userId: string; manager: boolean }
  | { type: "teamMembers.list"; teamId: string; page: Page }
  | { type: "teamMembers.update"; teamId: string; memberId: string; manager: boolean }
  | { type: "teamMembers.remove"; teamId: string; memberId: string }
  | { type: "permissions.grant"; teamId: string; permission: OrgPermission }
  | { type: "permissions.list"; teamId: string }
  | { type: "permissions.revoke"; teamId: string; permissionId: string }
);

export type OrgMessageType = OrgMessage["type"];

function bad(field: string): never {
  throw CommonErrors.INVALID_ARGUMENT(`Invalid organization message field ${field}`);
}

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === "string";
const id: Check = (v) => isId(v);
const bool: Check = (v) => typeof v === "boolean";
const nat: Check = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0;
const optStr: Check = (v) => v === null || v === undefined || typeof v === "string";
const role: Check = (v) => isOrgRole(v);
const perm: Check = (v) => isOrgPermission(v);
const strList: Check = (v) => Array.isArray(v) && v.every((e) => typeof e === "string");
const page: Check = (v) =>
  typeof v === "object" && v !== null && nat((v as Page).limit) && nat((v as Page).offset);
const obj: Check = (v) => typeof v === "object" && v !== null;

/** Field checks per message type. */
const SHAPES: Record<OrgMessageType, Record<string, Check>> = {
  create: { name: str, creatorVerified: bool },
  get: {},
  "tier.set": {
    tier: (v) => typeof v === "string" && (ORG_TIERS as readonly string[]).includes(v),
  },
  check: { action: (v) => typeof v === "string" && isAction(v) },
  update: { name: str },
  delete: {},
  suspend: {},
  resume: {},
  "members.list": { page },
  "members.role": { memberId: id, role },
  "members.remove": { memberId: id },
  "members.leave": {},
  "members.purge": { userId: id },
  transfer: { newOwnerUserId: id },
  "invitations.create": {
    invitationId: id,
    email: str,
    role,
    token: str,
    secretHash: str,
    mail: obj,
  },
  "invitations.list": { page },
  "invitations.delete": { invitationId: id },
  "invitations.accept": { invitationId: id, secret: str, verifiedEmails: strList },
  "invitations.decline": { invitationId: id, verifiedEmails: strList },
  "invitations.expire": { invitationId: id, at: nat },
  "teams.create": { name: str, description: optStr },
  "teams.list": { page },
  "teams.get": { teamId: id },
  "teams.update": { teamId: id, name: optStr, description: optStr },
  "teams.delete": { teamId: id },
  "teamMembers.add": { teamId: id, userId: id, manager: bool },
  "teamMembers.list": { teamId: id, page },
  "teamMembers.update": { teamId: id, memberId: id, manager: bool },
  "teamMembers.remove": { teamId: id, memberId: id },
  "permissions.grant": { teamId: id, permission: perm },
  "permissions.list": { teamId: id },
  "permissions.revoke": { teamId: id, permissionId: id },
};

/** Checks a message's shape; throws INVALID_ARGUMENT (400) naming the first bad field. */
export function parseOrgMessage(msg: ActorMessage): OrgMessage {
  const shape = SHAPES[msg.type as OrgMessageType];
  if (!shape) bad("type");
  for (const [field, check] of Object.entries(shape)) {
    if (!check(msg[field])) bad(field);
  }
  return msg as unknown as OrgMessage;
}
