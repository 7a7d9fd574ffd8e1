/**
 * Input schemas of vault tokens (Part B §6.15 field names; docs/tokens.md). TTL bounds are checked
 * by the service (400 TOKEN_TTL_INVALID / REFRESH_TTL_INVALID), not here, so they answer a clear
 * 400 rather than a schema 422.
 */
import { type Static, Type } from "@sinclair/typebox";
import { TOKEN_ROLES } from "../../domain/tokens/scopes.ts";
import { Id, literalUnion, STRICT } from "../../lib/schema.ts";

export const VaultTokenInput = Type.Object(
  {
    /** `read` (default), `write`, `manage` or `admin`; at most the caller's effective role. */
    requested_role: Type.Optional(literalUnion(TOKEN_ROLES)),
    /** Seconds, 60 … 86400 (A10); default 300. */
    access_token_ttl: Type.Optional(Type.Integer()),
    /** Seconds, 300 … 7776000 (A10); default 3600. Lifetime of each refresh token of the family. */
    refresh_token_ttl: Type.Optional(Type.Integer()),
    /** Sign with this client's newest published certificate (default: the organization's newest). */
    client_id: Type.Optional(Id),
  },
  STRICT,
);
export type VaultTokenInput = Static<typeof VaultTokenInput>;

/** `POST /v1/tokens/refresh` (JSON). */
export const RefreshTokenInput = Type.Object(
  {
    refresh_token: Type.String({ minLength: 1, maxLength: 256 }),
    /** Seconds, 60 … 86400; default: the TTL the family was issued with. */
    access_token_ttl: Type.Optional(Type.Integer()),
  },
  STRICT,
);
export type RefreshTokenInput = Static<typeof RefreshTokenInput>;

const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/**
 * `POST /v1/token` (form body, RFC 6749 §4.4 with RFC 7523 §2.2 client authentication). Every
 * field is optional to the schema so that a missing one gets the OAuth answer the RFC names
 * (`unsupported_grant_type`, `invalid_request`) from the service; unknown parameters are ignored
 * (RFC 6749 §3.2).
 */
export const ClientTokenForm = Type.Object(
  {
    /** Must be `client_credentials`. */
    grant_type: Field(64),
    /** Must be `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`. */
    client_assertion_type: Field(128),
    /** The EdDSA JWT signed with the client certificate's private key. */
    client_assertion: Field(8192),
    /** The vault (decimal id) the token is for. */
    vault_id: Field(32),
    /** `read` (default), `write`, `manage` or `admin`; at most the client's grant. */
    requested_role: Field(16),
    /** Optional access TTL (s), 60 … 86400; default 300. */
    access_token_ttl: Field(16),
    /** Optional refresh TTL (s), 300 … 7776000; default 604800. */
    refresh_token_ttl: Field(16),
  },
  { additionalProperties: true },
);
export type ClientTokenForm = Static<typeof ClientTokenForm>;
