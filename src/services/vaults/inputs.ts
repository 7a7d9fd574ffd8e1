/**
 * Input schemas of vaults and vault grants (HTTP body and gRPC request alike); strict. The name
 * rules of api.md §6.11 (bytes, characters) are the domain's (src/domain/vaults/validation.ts).
 */
import { type Static, Type } from "@sinclair/typebox";
import { VAULT_ROLES } from "../../domain/vaults/types.ts";
import { Bounded, Id, literalUnion, STRICT } from "../../lib/schema.ts";

const VaultRole = literalUnion(VAULT_ROLES);
const NullableDescription = Type.Optional(Type.Union([Bounded.description, Type.Null()]));

export const VaultCreateInput = Type.Object(
  { name: Bounded.name, description: NullableDescription },
  STRICT,
);
export type VaultCreateInput = Static<typeof VaultCreateInput>;

export const VaultUpdateInput = Type.Object(
  {
    name: Type.Optional(Type.Union([Bounded.name, Type.Null()])),
    description: NullableDescription,
  },
  STRICT,
);
export type VaultUpdateInput = Static<typeof VaultUpdateInput>;

export const UserGrantCreateInput = Type.Object({ user_id: Id, role: VaultRole }, STRICT);
export type UserGrantCreateInput = Static<typeof UserGrantCreateInput>;
export const TeamGrantCreateInput = Type.Object({ team_id: Id, role: VaultRole }, STRICT);
export type TeamGrantCreateInput = Static<typeof TeamGrantCreateInput>;
/** A16: the client must be a live client of the organization (`GRANT_CLIENT_NOT_FOUND`). */
export const ClientGrantCreateInput = Type.Object({ client_id: Id, role: VaultRole }, STRICT);
export type ClientGrantCreateInput = Static<typeof ClientGrantCreateInput>;
export const GrantUpdateInput = Type.Object({ role: VaultRole }, STRICT);
export type GrantUpdateInput = Static<typeof GrantUpdateInput>;
