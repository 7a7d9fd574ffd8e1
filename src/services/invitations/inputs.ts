/** Input schemas of invitations (HTTP body and gRPC request alike); strict. */
import { Type } from "@sinclair/typebox";
import { Bounded, STRICT } from "../../lib/schema.ts";
import { OrgRoleSchema } from "../organizations/inputs.ts";

export const InvitationInput = Type.Object({ email: Bounded.email, role: OrgRoleSchema }, STRICT);
export const AcceptInvitationInput = Type.Object({ token: Bounded.token }, STRICT);
