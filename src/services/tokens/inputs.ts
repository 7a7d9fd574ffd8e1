/**
 * Input schema of vault tokens (Part B §6.15 field names; docs/tokens.md); strict. The TTL bounds
 * are checked by the service (400 TOKEN_TTL_INVALID), not here, so they answer a clear 400.
 */
import { type Static, Type } from "@sinclair/typebox";
import { TOKEN_ROLES } from "../../domain/tokens/scopes.ts";
import { literalUnion, STRICT } from "../../lib/schema.ts";

export const VaultTokenInput = Type.Object(
  {
    /** `read` (default), `write`, `manage` or `admin`; at most the caller's effective role. */
    requested_role: Type.Optional(literalUnion(TOKEN_ROLES)),
    /** Seconds, 60 … 86400 (A10); default 300. */
    access_token_ttl: Type.Optional(Type.Integer()),
  },
  STRICT,
);
export type VaultTokenInput = Static<typeof VaultTokenInput>;
