/**
 * Input schemas of the organization use cases (HTTP body and gRPC request alike). Strict: an
 * unknown field is refused (docs/adr/0004-unknown-json-fields-rejected.md); roles are spelt as in
 * the API.
 */
import { type Static, Type } from "@sinclair/typebox";
import { ORG_ROLES } from "../../domain/organizations/types.ts";
import { Bounded, Id, literalUnion, STRICT } from "../../lib/schema.ts";

export const OrgRoleSchema = literalUnion(ORG_ROLES);

export const OrgNameInput = Type.Object({ name: Bounded.name }, STRICT);
export type OrgNameInput = Static<typeof OrgNameInput>;
export const MemberRoleInput = Type.Object({ role: OrgRoleSchema }, STRICT);
export const TransferInput = Type.Object({ new_owner_user_id: Id }, STRICT);
