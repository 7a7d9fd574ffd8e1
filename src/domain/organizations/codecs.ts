/**
 * Versioned codecs of every organization record (src/kv/codec.ts). Version 1 everywhere; a new
 * shape bumps the version and adds a migration.
 */
import { defineCodec } from "../../kv/codec.ts";
import type { Invitation, InvitationLocator } from "../invitations/types.ts";
import type { Member, MembershipIndex, Organization } from "./types.ts";

/** A validator: `fields` of the value are strings. */
export function requireStrings(name: string, fields: readonly string[]) {
  return (v: unknown) => {
    const o = v as Record<string, unknown> | null;
    for (const f of fields) {
      if (!o || typeof o[f] !== "string") throw new TypeError(`${name}.${f} must be a string`);
    }
  };
}

export const OrganizationCodec = defineCodec<Organization>({
  name: "organization",
  version: 1,
  validate: requireStrings("organization", ["id", "name", "tier"]),
});

export const MemberCodec = defineCodec<Member>({
  name: "org_member",
  version: 1,
  validate: requireStrings("org_member", ["id", "org_id", "user_id", "role"]),
});

export const MembershipIndexCodec = defineCodec<MembershipIndex>({
  name: "org_membership_index",
  version: 1,
  validate: requireStrings("org_membership_index", ["org_id", "member_id", "role"]),
});

export const InvitationCodec = defineCodec<Invitation>({
  name: "org_invitation",
  version: 1,
  validate: requireStrings("org_invitation", ["id", "org_id", "email", "role", "secret_hash"]),
});

export const InvitationLocatorCodec = defineCodec<InvitationLocator>({
  name: "org_invitation_locator",
  version: 1,
  validate: requireStrings("org_invitation_locator", ["org_id"]),
});

/** The organization id a create carrying an Idempotency-Key allocated, kept 24 h. */
export interface CreateClaim {
  org_id: string;
  expires_at: number;
}

export const CreateClaimCodec = defineCodec<CreateClaim>({
  name: "org_create_claim",
  version: 1,
  validate: requireStrings("org_create_claim", ["org_id"]),
});
