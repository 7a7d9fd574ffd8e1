/** Input schemas of invitations (HTTP body and gRPC request alike); strict. */
import { Type } from "@sinclair/typebox";
import { Bounded, INPUT_MAX_CHARS, STRICT } from "../../lib/schema.ts";
import { OrgRoleSchema } from "../organizations/inputs.ts";

export const InvitationInput = Type.Object({ email: Bounded.email, role: OrgRoleSchema }, STRICT);
/**
 * An invitation token `<invitation id>.<secret>` (src/crypto/tokens.ts): a Snowflake id, a dot, 43
 * base64url characters. An empty or malformed token is a validation error (422), not a 404.
 */
export const INVITATION_TOKEN_PATTERN = "^[1-9][0-9]{0,18}\\.[A-Za-z0-9_-]{43}$";
export const AcceptInvitationInput = Type.Object(
  {
    token: Type.String({
      minLength: 1,
      maxLength: INPUT_MAX_CHARS.token,
      pattern: INVITATION_TOKEN_PATTERN,
    }),
  },
  STRICT,
);
