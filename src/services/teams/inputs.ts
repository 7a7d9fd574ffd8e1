/** Input schemas of teams, team members and team permissions (HTTP body and gRPC request alike); strict. */
import { type Static, Type } from "@sinclair/typebox";
import { ORG_PERMISSIONS } from "../../domain/authz/permissions.ts";
import { Bounded, Id, literalUnion, STRICT } from "../../lib/schema.ts";

const NullableName = Type.Optional(Type.Union([Bounded.name, Type.Null()]));
const NullableDescription = Type.Optional(Type.Union([Bounded.description, Type.Null()]));

export const TeamCreateInput = Type.Object(
  { name: Bounded.name, description: NullableDescription },
  STRICT,
);
export type TeamCreateInput = Static<typeof TeamCreateInput>;
export const TeamUpdateInput = Type.Object(
  { name: NullableName, description: NullableDescription },
  STRICT,
);
export type TeamUpdateInput = Static<typeof TeamUpdateInput>;
export const TeamMemberInput = Type.Object(
  { user_id: Id, manager: Type.Optional(Type.Boolean()) },
  STRICT,
);
export type TeamMemberInput = Static<typeof TeamMemberInput>;
export const TeamMemberUpdateInput = Type.Object({ manager: Type.Boolean() }, STRICT);
export const TeamPermissionInput = Type.Object(
  { permission: literalUnion(ORG_PERMISSIONS) },
  STRICT,
);
