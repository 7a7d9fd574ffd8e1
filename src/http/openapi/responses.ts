/**
 * What each route answers, for the OpenAPI document (docs/openapi.json). Routes declare no
 * Elysia `response` schemas (that would validate every answer at run time), so their answers are
 * described here, keyed by `"METHOD /path"` exactly as Elysia registers the route. Every route of
 * the app must have an entry with a 2xx answer (test/unit/http/openapi.test.ts fails otherwise),
 * and the e2e suites check every response they receive against this table
 * (test/support/contract.ts).
 *
 * Shapes follow the route handlers and the views they return (src/domain/organizations/views.ts,
 * the DTOs of src/services/*): ids are Snowflake decimal strings, times RFC 3339 UTC with
 * milliseconds, a single resource is wrapped in its singular name and a list
 * under its plural name with `pagination`. Objects are closed (`additionalProperties: false`), so
 * a field added to an answer without documenting it fails the contract check.
 *
 * `errors` lists the route's own error statuses; the generator adds the ones every route of that
 * kind can answer (400/413/415 on every method but GET, 422 with a body schema, 400 with path or
 * query parameters, 401 with a session and 403 on its writes, 500, and `default`). Each documented error status carries the error body (docs/http-api.md, A3) with `code`
 * limited to the codes that map to that status.
 */
import { Type as T, type TSchema } from "@sinclair/typebox";
import { ORG_PERMISSIONS } from "../../domain/authz/permissions.ts";
import { ORG_ROLES, ORG_TIERS } from "../../domain/organizations/types.ts";
import { SESSION_TYPES } from "../../domain/sessions/records.ts";
import { SYNC_STATUSES, VAULT_ROLES } from "../../domain/vaults/types.ts";

/** The decimal-string Snowflake id pattern (1..19 digits, no leading zero). */
export const SNOWFLAKE_PATTERN = "^[1-9][0-9]{0,18}$";
/** RFC 3339 UTC with milliseconds and `Z`. */
export const TIMESTAMP_PATTERN =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$";

export interface ResponseDoc {
  description: string;
  /** Body schema; absent for answers without a body. */
  schema?: TSchema;
  /** Default `application/json` when there is a schema; a list when the answer may be any of them. */
  contentType?: string | readonly string[];
  /**
   * The answer may also be the error body (`application/json`, `Error<status>`): an HTML page's
   * status that the body parser and the parameter validation answer too (malformed form, repeated
   * parameter, bad query) before the route renders its page.
   */
  alsoErrorBody?: boolean;
}

export interface RouteDoc {
  summary: string;
  /** Needs a session credential (cookie `infera_session` or `Authorization: Bearer`). */
  session?: boolean;
  /** Success (and any specially shaped) answers by status. */
  responses: Record<number, ResponseDoc>;
  /** The route's own error statuses (error body), beyond those the generator adds. */
  errors?: number[];
  /** Errors carry the OAuth body (src/http/oauth.ts) instead of A3's. */
  oauthErrors?: boolean;
}

const ref = (name: keyof typeof SCHEMAS) => T.Unsafe({ $ref: `#/components/schemas/${name}` });
const closed = <P extends Record<string, TSchema>>(props: P) =>
  T.Object(props, { additionalProperties: false });
const nullable = (s: TSchema) => T.Union([s, T.Null()]);
const enumOf = (values: readonly string[]) =>
  T.Unsafe<string>({ type: "string", enum: [...values] });

const Id = T.String({ format: "snowflake", pattern: SNOWFLAKE_PATTERN });
const Timestamp = T.String({ format: "date-time", pattern: TIMESTAMP_PATTERN });
const Count = T.Integer({ minimum: 0 });

const invitationProps = {
  id: Id,
  organization_id: Id,
  email: T.String(),
  role: enumOf(ORG_ROLES),
  invited_by_user_id: Id,
  created_at: Timestamp,
  expires_at: Timestamp,
};

const healthProps = {
  status: enumOf(["healthy", "unhealthy"]),
  version: T.String(),
  uptime: Count,
  node_id: T.String(),
  storage: closed({ backend: T.String(), healthy: T.Boolean() }),
  /** src/engine/health.ts: `connecting` / `connected` / `unreachable` add the link's details. */
  engine: T.Object({
    mode: enumOf(["standalone", "remote", "connecting", "connected", "unreachable"]),
  }),
};

/** Named schemas (`#/components/schemas/<name>`). */
export const SCHEMAS = {
  Id,
  Timestamp,
  Pagination: closed({
    total: Count,
    count: Count,
    offset: Count,
    limit: T.Integer({ minimum: 1, maximum: 100 }),
    has_more: T.Boolean(),
  }),
  Message: closed({ message: T.String() }),
  User: closed({
    id: Id,
    name: T.String(),
    created_at: Timestamp,
    tos_accepted_at: nullable(Timestamp),
  }),
  Session: closed({
    session_id: Id,
    session_type: enumOf(SESSION_TYPES),
    created_at: Timestamp,
    expires_at: Timestamp,
    last_activity_at: Timestamp,
    ip_address: nullable(T.String()),
    user_agent: nullable(T.String()),
    current: T.Boolean(),
  }),
  Passkey: closed({
    id: Id,
    name: T.String(),
    created_at: Timestamp,
    last_used_at: nullable(Timestamp),
    transports: T.Array(T.String()),
    backed_up: T.Boolean(),
    device_type: enumOf(["singleDevice", "multiDevice"]),
  }),
  Email: closed({
    id: Id,
    email: T.String(),
    is_primary: T.Boolean(),
    is_verified: T.Boolean(),
    verified_at: nullable(Timestamp),
    created_at: Timestamp,
  }),
  Organization: closed({
    id: Id,
    name: T.String(),
    tier: enumOf(ORG_TIERS),
    role: enumOf(ORG_ROLES),
    suspended: T.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
    suspended_at: nullable(Timestamp),
  }),
  Member: closed({ id: Id, user_id: Id, role: enumOf(ORG_ROLES), joined_at: Timestamp }),
  Invitation: closed(invitationProps),
  InboxInvitation: closed({ ...invitationProps, organization_name: T.String() }),
  Team: closed({
    id: Id,
    organization_id: Id,
    name: T.String(),
    description: T.String(),
    created_at: Timestamp,
    updated_at: Timestamp,
  }),
  Vault: closed({
    id: Id,
    organization_id: Id,
    name: T.String(),
    description: T.String(),
    sync_status: enumOf(SYNC_STATUSES),
    sync_error: nullable(T.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
    deleted_at: nullable(Timestamp),
  }),
  UserGrant: closed({
    id: Id,
    vault_id: Id,
    user_id: Id,
    role: enumOf(VAULT_ROLES),
    granted_at: Timestamp,
    granted_by_user_id: Id,
    updated_at: Timestamp,
  }),
  TeamGrant: closed({
    id: Id,
    vault_id: Id,
    team_id: Id,
    role: enumOf(VAULT_ROLES),
    granted_at: Timestamp,
    granted_by_user_id: Id,
    updated_at: Timestamp,
  }),
  ClientGrant: closed({
    id: Id,
    vault_id: Id,
    client_id: Id,
    role: enumOf(VAULT_ROLES),
    granted_at: Timestamp,
    granted_by_user_id: Id,
    updated_at: Timestamp,
  }),
  Client: closed({
    id: Id,
    organization_id: Id,
    name: T.String(),
    description: T.String(),
    is_active: T.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
    deactivated_at: nullable(Timestamp),
  }),
  Certificate: closed({
    id: Id,
    client_id: Id,
    kid: T.String({ pattern: "^org-[0-9]+-client-[0-9]+-cert-[0-9]+$" }),
    name: T.String(),
    public_key: T.String({ description: "Standard base64 of the raw 32-byte Ed25519 public key" }),
    algorithm: enumOf(["EdDSA"]),
    is_active: T.Boolean(),
    created_at: Timestamp,
    revoked_at: nullable(Timestamp),
    revoked_by_user_id: nullable(Id),
  }),
  Jwk: closed({
    kty: enumOf(["OKP"]),
    crv: enumOf(["Ed25519"]),
    kid: T.String({ pattern: "^org-[0-9]+-client-[0-9]+-cert-[0-9]+$" }),
    x: T.String({
      pattern: "^[A-Za-z0-9_-]{43}$",
      description: "base64url (no padding) of the raw 32-byte Ed25519 public key",
    }),
    use: enumOf(["sig"]),
    alg: enumOf(["EdDSA"]),
  }),
  TeamMember: closed({
    id: Id,
    team_id: Id,
    user_id: Id,
    manager: T.Boolean(),
    created_at: Timestamp,
  }),
  TeamPermission: closed({
    id: Id,
    team_id: Id,
    permission: enumOf(ORG_PERMISSIONS),
    granted_by_user_id: Id,
    granted_at: Timestamp,
  }),
  AuditEvent: closed({
    id: Id,
    organization_id: nullable(Id),
    user_id: nullable(Id),
    client_id: nullable(Id),
    event_type: T.String({ pattern: "^[a-z][a-z0-9_]*$" }),
    resource_type: nullable(T.String()),
    resource_id: nullable(T.String()),
    event_data: nullable(T.Object({})),
    ip_address: nullable(T.String()),
    user_agent: nullable(T.String()),
    created_at: Timestamp,
  }),
  /** `/v1/health`: the core fields and one object per registered section (cluster, actors, ...). */
  Health: T.Object(healthProps, { additionalProperties: T.Object({}) }),
} satisfies Record<string, TSchema>;

/** The `/v1/health` document of an unhealthy node, with the error body fields added. */
const UnhealthyHealth = T.Object(
  {
    ...healthProps,
    error: T.String(),
    code: T.Literal("UNAVAILABLE"),
    request_id: T.String(),
  },
  { additionalProperties: T.Object({}) },
);

const json = (description: string, schema: TSchema): ResponseDoc => ({ description, schema });
const empty = (description: string): ResponseDoc => ({ description });
const one = (key: string, name: keyof typeof SCHEMAS) => closed({ [key]: ref(name) });
const list = (key: string, name: keyof typeof SCHEMAS) =>
  closed({ [key]: T.Array(ref(name)), pagination: ref("Pagination") });
const message = (description: string) => json(description, ref("Message"));

/** Errors of every route that reaches the services: store or actor unavailable, actor busy. */
const SERVICE = [429, 503];
/** Organization-scoped calls: the caller may be denied, the organization (or thing) missing. */
const ORG_READ = [403, 404, ...SERVICE];
/** Organization-scoped writes also answer 422 for a reused Idempotency-Key. */
const ORG_WRITE = [...ORG_READ, 400, 422];

const jwks = closed({ keys: T.Array(ref("Jwk")) });

/** RFC 6749 §5.1 answer of the native-app token endpoint (docs/cli-sign-in.md). */
const nativeTokens = closed({
  access_token: T.String(),
  token_type: T.Literal("Bearer"),
  expires_in: T.Integer({ minimum: 0 }),
  refresh_token: T.Optional(T.String()),
  scope: T.String(),
});

/** The answer of every vault-token route (docs/tokens.md). */
const vaultTokenAnswer = closed({
  access_token: T.String(),
  token_type: T.Literal("Bearer"),
  expires_in: T.Integer({ minimum: 60, maximum: 86400 }),
  expires_at: Timestamp,
  vault_id: Id,
  vault_role: enumOf(["read", "write", "manage", "admin"]),
  scope: T.String(),
  refresh_token: T.String(),
  refresh_expires_in: T.Integer({ minimum: 0 }),
});
const orgJwks: RouteDoc = {
  summary:
    "The organization's published keys (what the engine fetches, no session); `ETag`, 304 on a matching `If-None-Match`; 404 for an unknown or deleted organization",
  responses: { 200: json("The key set", jwks), 304: empty("Not modified (no body)") },
  errors: [404, 503],
};

const probe: RouteDoc = {
  summary: "Readiness probe: 200 when a storage read succeeds",
  responses: { 200: empty("Ready (no body)") },
  errors: [503],
};
const live: RouteDoc = {
  summary: "Liveness probe: 200 while the process answers",
  responses: { 200: empty("Alive (no body)") },
};

/** A web page of src/http/routes/ui.ts. */
const uiPage = (summary: string): RouteDoc => ({
  summary,
  responses: { 200: { description: "The page", schema: T.String(), contentType: "text/html" } },
});

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  // Health, metrics, this document ------------------------------------------------------------
  "GET /livez": live,
  "GET /v1/health/live": live,
  "GET /readyz": probe,
  "GET /startupz": { ...probe, summary: "Startup probe: 200 when a storage read succeeds" },
  "GET /v1/health/ready": probe,
  "GET /v1/health/startup": {
    ...probe,
    summary: "Startup probe: 200 when a storage read succeeds",
  },
  "GET /health": {
    summary: "Legacy liveness probe",
    responses: { 200: { description: "`OK`", schema: T.String(), contentType: "text/plain" } },
  },
  "GET /v1/health": {
    summary: "Health document: status, version, uptime, storage, node, cluster and engine",
    responses: {
      200: json("Healthy", ref("Health")),
      503: json("Unhealthy: the health document with the error body fields", UnhealthyHealth),
    },
  },
  "GET /metrics": {
    summary: "Prometheus metrics (text exposition format)",
    responses: { 200: { description: "Metrics", schema: T.String(), contentType: "text/plain" } },
  },
  "GET /openapi.json": {
    summary: "This OpenAPI 3.1 document",
    responses: {
      200: json(
        "The document",
        T.Object({ openapi: T.String(), info: T.Object({}), paths: T.Object({}) }),
      ),
    },
  },

  // Web pages (src/http/routes/ui.ts): HTML with a strict Content-Security-Policy ---------------
  "GET /ui/": uiPage("Sign-in page: email and password, or a passkey"),
  "GET /ui/register": uiPage("Registration page"),
  "GET /ui/verify-email": uiPage(
    "Email verification page: the mail's link `…/verify-email?token=…` (the token is read by the page's script)",
  ),
  "GET /ui/forgot-password": uiPage("Password-reset request page"),
  "GET /ui/reset-password": uiPage(
    "New-password page: the mail's link `…/reset-password?token=…` (the token is read by the page's script)",
  ),
  "GET /ui/invitations/accept": uiPage(
    "Invitation landing page (the link of invitation mails): accepts the token once signed in",
  ),
  "GET /ui/account": uiPage(
    "Account page: profile, email addresses, passkeys, sessions (the data comes from the API)",
  ),
  "GET /ui/assets/:file": {
    summary:
      "The pages' scripts and stylesheet, content-hashed names, `Cache-Control: public, max-age=31536000, immutable`; 404 for an unknown name",
    responses: {
      200: {
        description: "The asset",
        schema: T.String(),
        contentType: ["text/javascript", "text/css"],
      },
    },
    errors: [404],
  },

  // Sign-up and sign-in ------------------------------------------------------------------------
  "POST /v1/auth/register": {
    summary:
      "Create an account, its default organization and a WEB session (sets the session cookie; `session_token` is the same credential for Bearer clients)",
    responses: {
      201: json(
        "Registered and signed in",
        closed({
          user_id: Id,
          name: T.String(),
          email: T.String(),
          session_id: Id,
          session_token: T.String(),
        }),
      ),
    },
    errors: [409, ...SERVICE],
  },
  "POST /v1/auth/login/password": {
    summary:
      "Sign in with email and password (sets the session cookie; `session_token` is the same credential for Bearer clients)",
    responses: {
      200: json(
        "Signed in",
        closed({ user_id: Id, name: T.String(), session_id: Id, session_token: T.String() }),
      ),
    },
    errors: [401, ...SERVICE],
  },
  // CLI and native-app sign-in (docs/cli-sign-in.md) ------------------------------------------
  "POST /v1/auth/cli/authorize": {
    summary:
      "Approve a CLI sign-in from a web session: an S256 PKCE challenge → a single-use code (10 min)",
    session: true,
    responses: {
      200: json("The code", closed({ code: T.String(), expires_in: T.Integer({ minimum: 1 }) })),
    },
    errors: [...SERVICE],
  },
  "POST /v1/auth/cli/token": {
    summary:
      "Exchange a CLI code and its PKCE verifier for a CLI session token (a wrong verifier burns the code)",
    responses: {
      200: json(
        "The CLI session",
        closed({ session_token: T.String(), expires_in: T.Integer({ minimum: 0 }) }),
      ),
    },
    errors: [401, ...SERVICE],
  },
  "GET /oauth/authorize": {
    summary:
      "OAuth 2.0 authorization endpoint for native apps (PKCE S256, loopback redirects): the consent page, or a redirect to sign-in or back to the client",
    responses: {
      200: { description: "The consent page", schema: T.String(), contentType: "text/html" },
      302: empty("To the sign-in page, or to the client's redirect with an error"),
      400: {
        description:
          "Unknown client or redirect (not redirected); a malformed request: the error body",
        schema: T.String(),
        contentType: "text/html",
        alsoErrorBody: true,
      },
    },
  },
  "POST /oauth/authorize": {
    summary: "The consent decision (form): 303 to the client with a code or access_denied",
    session: true,
    responses: {
      303: empty("To the client's redirect"),
      400: {
        description:
          "Unknown client or redirect (not redirected); a malformed request: the error body",
        schema: T.String(),
        contentType: "text/html",
        alsoErrorBody: true,
      },
    },
  },
  "POST /oauth/token": {
    summary:
      "OAuth 2.0 token endpoint (form): authorization_code, refresh_token and device_code grants; the access token is a CLI session credential",
    responses: { 200: json("The tokens", nativeTokens) },
    errors: [401, 429, 503],
    oauthErrors: true,
  },
  "POST /oauth/device_authorization": {
    summary:
      "RFC 8628 device authorization (form): a device code and a user code to enter on /oauth/device",
    responses: {
      200: json(
        "The device authorization",
        closed({
          device_code: T.String(),
          user_code: T.String(),
          verification_uri: T.String(),
          verification_uri_complete: T.String(),
          expires_in: T.Integer({ minimum: 1 }),
          interval: T.Integer({ minimum: 1 }),
        }),
      ),
    },
    errors: [401, 429, 503],
    oauthErrors: true,
  },
  "GET /oauth/device": {
    summary:
      "The page where a signed-in person enters a device's user code (or a redirect to sign-in)",
    responses: {
      200: { description: "The device page", schema: T.String(), contentType: "text/html" },
      302: empty("To the sign-in page"),
    },
  },
  "POST /oauth/device": {
    summary: "Approve or deny a device by its user code (form; 10 wrong codes per 15 min per user)",
    session: true,
    responses: {
      200: { description: "The outcome page", schema: T.String(), contentType: "text/html" },
      400: {
        description: "The device page with the error; a malformed request: the error body",
        schema: T.String(),
        contentType: "text/html",
        alsoErrorBody: true,
      },
    },
    errors: [429],
  },
  "GET /.well-known/oauth-authorization-server": {
    summary: "RFC 8414 authorization server metadata",
    responses: { 200: json("The metadata", T.Object({ issuer: T.String() })) },
  },
  "GET /oauth/style.css": {
    summary: "The stylesheet of the sign-in pages",
    responses: { 200: { description: "CSS", schema: T.String(), contentType: "text/css" } },
  },

  // Passkeys (docs/passkeys.md) -----------------------------------------------------------------
  "POST /v1/auth/passkey/options": {
    summary:
      "Begin a passkey sign-in: WebAuthn request options (with an email: its credentials; without: usernameless)",
    responses: { 200: json("The options", closed({ options: T.Object({}) })) },
    errors: [429, ...SERVICE],
  },
  "POST /v1/auth/passkey/verify": {
    summary: "Finish a passkey sign-in (sets the session cookie, answers like password sign-in)",
    responses: {
      200: json(
        "Signed in",
        closed({ user_id: Id, name: T.String(), session_id: Id, session_token: T.String() }),
      ),
    },
    errors: [401, 429, ...SERVICE],
  },
  "POST /v1/users/passkeys/registration/options": {
    summary: "Begin enrolling a passkey: WebAuthn creation options (at most 20 passkeys)",
    session: true,
    responses: { 200: json("The options", closed({ options: T.Object({}) })) },
    errors: [404, ...SERVICE],
  },
  "POST /v1/users/passkeys/registration/verify": {
    summary: "Finish enrolling a passkey",
    session: true,
    responses: { 201: json("The passkey", closed({ passkey: ref("Passkey") })) },
    errors: [404, 409, ...SERVICE],
  },
  "GET /v1/users/passkeys": {
    summary: "The caller's passkeys (never key material)",
    session: true,
    responses: { 200: json("The passkeys", closed({ passkeys: T.Array(ref("Passkey")) })) },
    errors: [...SERVICE],
  },
  "PATCH /v1/users/passkeys/:passkey": {
    summary: "Rename a passkey",
    session: true,
    responses: { 200: json("The passkey", closed({ passkey: ref("Passkey") })) },
    errors: [404, ...SERVICE],
  },
  "DELETE /v1/users/passkeys/:passkey": {
    summary: "Delete a passkey",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: [404, ...SERVICE],
  },
  "POST /v1/auth/logout": {
    summary: "Revoke the presented session (if any) and clear the cookie",
    responses: { 200: message("Logged out") },
    errors: [403, ...SERVICE],
  },
  "POST /v1/auth/verify-email": {
    summary: "Verify an email address with the token from the verification mail",
    responses: { 200: json("Verified", closed({ message: T.String(), email: T.String() })) },
    errors: [...SERVICE],
  },
  "POST /v1/auth/password-reset/request": {
    summary: "Request a password reset mail (always 200: no account enumeration)",
    responses: { 200: message("Accepted") },
    errors: [...SERVICE],
  },
  "POST /v1/auth/password-reset/confirm": {
    summary: "Set a new password with the reset token; revokes the user's other sessions",
    responses: { 200: message("Password changed") },
    errors: [...SERVICE],
  },
  "POST /v1/auth/resend-verification": {
    summary: "Send the verification mail of the primary address again",
    session: true,
    responses: { 200: message("Sent") },
    errors: [400, 404, ...SERVICE],
  },
  "GET /v1/auth/me": {
    summary: "The signed-in user",
    session: true,
    responses: { 200: json("The user", one("user", "User")) },
    errors: [...SERVICE],
  },

  // Current user -------------------------------------------------------------------------------
  "GET /v1/users/me": {
    summary: "The signed-in user's profile",
    session: true,
    responses: { 200: json("The user", one("user", "User")) },
    errors: [...SERVICE],
  },
  "PATCH /v1/users/me": {
    summary: "Update the profile (name, terms of service)",
    session: true,
    responses: { 200: json("The updated user", one("user", "User")) },
    errors: [404, ...SERVICE],
  },
  "DELETE /v1/users/me": {
    summary: "Delete the account (refused while the only owner of an organization)",
    session: true,
    responses: { 204: empty("Deleted; the session cookie is cleared") },
    errors: [400, 404, ...SERVICE],
  },
  "POST /v1/users/me/password": {
    summary: "Change the password (revokes the user's other sessions, mails a notice)",
    session: true,
    responses: {
      200: json("Changed", closed({ message: T.String(), revoked_sessions: Count })),
    },
    errors: [400, 404, ...SERVICE],
  },
  "GET /v1/users/sessions": {
    summary: "The user's active sessions",
    session: true,
    responses: {
      200: json("Sessions", closed({ sessions: T.Array(ref("Session")), count: Count })),
    },
    errors: [...SERVICE],
  },
  "DELETE /v1/users/sessions/:id": {
    summary: "Revoke one of the user's sessions",
    session: true,
    responses: { 204: empty("Revoked") },
    errors: [404, ...SERVICE],
  },
  "POST /v1/users/sessions/revoke-others": {
    summary: "Revoke every session of the user but the current one",
    session: true,
    responses: {
      200: json("Revoked", closed({ revoked_count: Count, message: T.String() })),
    },
    errors: [...SERVICE],
  },
  "POST /v1/users/emails": {
    summary: "Add an email address (sends a verification mail)",
    session: true,
    responses: { 201: json("The new address", one("email", "Email")) },
    errors: [409, ...SERVICE],
  },
  "GET /v1/users/emails": {
    summary: "The user's email addresses",
    session: true,
    responses: { 200: json("Addresses", list("emails", "Email")) },
    errors: [...SERVICE],
  },
  "PATCH /v1/users/emails/:id": {
    summary: "Make a verified address the primary one",
    session: true,
    responses: { 200: json("The address", one("email", "Email")) },
    errors: [404, ...SERVICE],
  },
  "DELETE /v1/users/emails/:id": {
    summary: "Remove an address (not the primary or the only one)",
    session: true,
    responses: { 204: empty("Removed") },
    errors: [404, ...SERVICE],
  },
  "POST /v1/users/emails/:id/resend-verification": {
    summary: "Send the verification mail again",
    session: true,
    responses: { 200: message("Sent") },
    errors: [404, ...SERVICE],
  },

  // Organizations, members, invitations --------------------------------------------------------
  "POST /v1/organizations": {
    summary: "Create an organization; the caller becomes OWNER (needs a verified address)",
    session: true,
    responses: { 201: json("Created", one("organization", "Organization")) },
    errors: [402, 409, ...ORG_WRITE],
  },
  "GET /v1/organizations": {
    summary: "The caller's organizations",
    session: true,
    responses: { 200: json("Organizations", list("organizations", "Organization")) },
    errors: [...SERVICE],
  },
  "POST /v1/organizations/invitations/accept": {
    summary: "Accept an invitation with its token (needs the invited address, verified)",
    session: true,
    responses: { 200: json("Joined", one("organization", "Organization")) },
    errors: [402, 409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org": {
    summary: "One organization, with the caller's role",
    session: true,
    responses: { 200: json("The organization", one("organization", "Organization")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org": {
    summary: "Rename the organization",
    session: true,
    responses: { 200: json("The organization", one("organization", "Organization")) },
    errors: [409, ...ORG_WRITE],
  },
  "DELETE /v1/organizations/:org": {
    summary: "Delete the organization (OWNER)",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/suspend": {
    summary: "Suspend the organization (OWNER): members may only read",
    session: true,
    responses: { 200: json("The organization", one("organization", "Organization")) },
    errors: [409, ...ORG_WRITE],
  },
  "POST /v1/organizations/:org/resume": {
    summary: "Resume a suspended organization (OWNER)",
    session: true,
    responses: { 200: json("The organization", one("organization", "Organization")) },
    errors: [409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/members": {
    summary: "Members of the organization",
    session: true,
    responses: { 200: json("Members", list("members", "Member")) },
    errors: ORG_READ,
  },
  "DELETE /v1/organizations/:org/members/me": {
    summary: "Leave the organization (not the last OWNER)",
    session: true,
    responses: { 204: empty("Left") },
    errors: ORG_WRITE,
  },
  "PATCH /v1/organizations/:org/members/:member": {
    summary: "Change a member's role",
    session: true,
    responses: { 200: json("The member", one("member", "Member")) },
    errors: ORG_WRITE,
  },
  "DELETE /v1/organizations/:org/members/:member": {
    summary: "Remove a member (with their team memberships)",
    session: true,
    responses: { 204: empty("Removed") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/invitations": {
    summary: "Invite an address (the token goes by mail only)",
    session: true,
    responses: { 201: json("Invited", one("invitation", "Invitation")) },
    errors: [402, 409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/invitations": {
    summary: "Pending invitations of the organization",
    session: true,
    responses: { 200: json("Invitations", list("invitations", "Invitation")) },
    errors: ORG_READ,
  },
  "DELETE /v1/organizations/:org/invitations/:invitation": {
    summary: "Withdraw an invitation",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/transfer-ownership": {
    summary: "Make another member OWNER; the caller becomes ADMIN",
    session: true,
    responses: { 200: message("Transferred") },
    errors: ORG_WRITE,
  },
  "GET /v1/users/invitations": {
    summary: "Pending invitations to the caller's verified addresses",
    session: true,
    responses: { 200: json("Invitations", list("invitations", "InboxInvitation")) },
    errors: [...SERVICE],
  },
  "POST /v1/users/invitations/:invitation/decline": {
    summary: "Decline an invitation to one of the caller's verified addresses",
    session: true,
    responses: { 200: message("Declined") },
    errors: ORG_WRITE,
  },

  // Teams --------------------------------------------------------------------------------------
  "POST /v1/organizations/:org/teams": {
    summary: "Create a team",
    session: true,
    responses: { 201: json("Created", one("team", "Team")) },
    errors: [402, 409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/teams": {
    summary: "Teams of the organization",
    session: true,
    responses: { 200: json("Teams", list("teams", "Team")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/teams/:team": {
    summary: "One team",
    session: true,
    responses: { 200: json("The team", one("team", "Team")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/teams/:team": {
    summary: "Rename a team or change its description",
    session: true,
    responses: { 200: json("The team", one("team", "Team")) },
    errors: [409, ...ORG_WRITE],
  },
  "DELETE /v1/organizations/:org/teams/:team": {
    summary: "Delete a team with its members and permissions",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/teams/:team/members": {
    summary: "Add an organization member to the team",
    session: true,
    responses: { 201: json("Added", one("member", "TeamMember")) },
    errors: [409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/teams/:team/members": {
    summary: "Members of the team",
    session: true,
    responses: { 200: json("Team members", list("members", "TeamMember")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/teams/:team/members/:member": {
    summary: "One member of the team, by the team membership id",
    session: true,
    responses: { 200: json("The team member", one("member", "TeamMember")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/teams/:team/members/:member": {
    summary: "Set or clear a team member's `manager` flag",
    session: true,
    responses: { 200: json("The team member", one("member", "TeamMember")) },
    errors: ORG_WRITE,
  },
  "DELETE /v1/organizations/:org/teams/:team/members/:member": {
    summary: "Remove a member from the team",
    session: true,
    responses: { 204: empty("Removed") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/teams/:team/permissions": {
    summary: "Grant the team an organization permission (OWNER)",
    session: true,
    responses: { 201: json("Granted", one("permission", "TeamPermission")) },
    errors: [409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/teams/:team/permissions": {
    summary: "Permissions held by the team (at most one per permission, so not paginated)",
    session: true,
    responses: {
      200: json("Permissions", closed({ permissions: T.Array(ref("TeamPermission")) })),
    },
    errors: ORG_READ,
  },
  "DELETE /v1/organizations/:org/teams/:team/permissions/:permission": {
    summary: "Revoke a team permission (OWNER)",
    session: true,
    responses: { 204: empty("Revoked") },
    errors: ORG_WRITE,
  },

  // Vaults -------------------------------------------------------------------------------------
  "POST /v1/organizations/:org/vaults": {
    summary:
      "Create a vault (PENDING until synced; SYNCED in standalone mode); the creator gets ADMIN",
    session: true,
    responses: { 201: json("Created", one("vault", "Vault")) },
    errors: [402, 409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/vaults": {
    summary: "Every live vault of the organization",
    session: true,
    responses: { 200: json("Vaults", list("vaults", "Vault")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/vaults/:vault": {
    summary: "One vault",
    session: true,
    responses: { 200: json("The vault", one("vault", "Vault")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/vaults/:vault": {
    summary: "Rename a vault or change its description (vault ADMIN)",
    session: true,
    responses: { 200: json("The vault", one("vault", "Vault")) },
    errors: [409, ...ORG_WRITE],
  },
  "DELETE /v1/organizations/:org/vaults/:vault": {
    summary: "Delete a vault with its grants (vault ADMIN)",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/vaults/:vault/user-grants": {
    summary: "Grant a user a vault role (vault MANAGER up to MANAGER, vault ADMIN any)",
    session: true,
    responses: { 201: json("Granted", one("grant", "UserGrant")) },
    errors: [409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/vaults/:vault/user-grants": {
    summary: "The vault's user grants (vault READER and above)",
    session: true,
    responses: { 200: json("Grants", list("grants", "UserGrant")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/vaults/:vault/user-grants/:grant": {
    summary: "One user grant of the vault, by grant id",
    session: true,
    responses: { 200: json("The grant", one("grant", "UserGrant")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/vaults/:vault/user-grants/:grant": {
    summary: "Change the role of a user grant",
    session: true,
    responses: { 200: json("The grant", one("grant", "UserGrant")) },
    errors: ORG_WRITE,
  },
  "DELETE /v1/organizations/:org/vaults/:vault/user-grants/:grant": {
    summary: "Delete a user grant, by grant id",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/vaults/:vault/team-grants": {
    summary: "Grant a team a vault role (vault MANAGER up to MANAGER, vault ADMIN any)",
    session: true,
    responses: { 201: json("Granted", one("grant", "TeamGrant")) },
    errors: [409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/vaults/:vault/team-grants": {
    summary: "The vault's team grants (vault READER and above)",
    session: true,
    responses: { 200: json("Grants", list("grants", "TeamGrant")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/vaults/:vault/team-grants/:grant": {
    summary: "One team grant of the vault, by grant id",
    session: true,
    responses: { 200: json("The grant", one("grant", "TeamGrant")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/vaults/:vault/team-grants/:grant": {
    summary: "Change the role of a team grant",
    session: true,
    responses: { 200: json("The grant", one("grant", "TeamGrant")) },
    errors: ORG_WRITE,
  },
  "DELETE /v1/organizations/:org/vaults/:vault/team-grants/:grant": {
    summary: "Delete a team grant, by grant id",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },

  "POST /v1/organizations/:org/vaults/:vault/client-grants": {
    summary:
      "Grant a client of the organization a vault role (A16; vault MANAGER up to MANAGER, vault ADMIN any)",
    session: true,
    responses: { 201: json("Granted", one("grant", "ClientGrant")) },
    errors: [409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/vaults/:vault/client-grants": {
    summary: "The vault's client grants (vault READER and above)",
    session: true,
    responses: { 200: json("Grants", list("grants", "ClientGrant")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/vaults/:vault/client-grants/:grant": {
    summary: "One client grant of the vault, by grant id",
    session: true,
    responses: { 200: json("The grant", one("grant", "ClientGrant")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/vaults/:vault/client-grants/:grant": {
    summary: "Change the role of a client grant",
    session: true,
    responses: { 200: json("The grant", one("grant", "ClientGrant")) },
    errors: ORG_WRITE,
  },
  "DELETE /v1/organizations/:org/vaults/:vault/client-grants/:grant": {
    summary: "Delete a client grant, by grant id",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },

  // Clients and certificates -------------------------------------------------------------------
  "POST /v1/organizations/:org/clients": {
    summary: "Create a service client (names unique per organization, case-insensitively)",
    session: true,
    responses: { 201: json("Created", one("client", "Client")) },
    errors: [402, 409, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/clients": {
    summary: "Clients of the organization, active and deactivated",
    session: true,
    responses: { 200: json("Clients", list("clients", "Client")) },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/clients/:client": {
    summary: "One client",
    session: true,
    responses: { 200: json("The client", one("client", "Client")) },
    errors: ORG_READ,
  },
  "PATCH /v1/organizations/:org/clients/:client": {
    summary: "Rename a client or change its description",
    session: true,
    responses: { 200: json("The client", one("client", "Client")) },
    errors: [409, ...ORG_WRITE],
  },
  "DELETE /v1/organizations/:org/clients/:client": {
    summary: "Delete a client with its certificates",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/clients/:client/deactivate": {
    summary: "Deactivate a client (it keeps its record and certificates; idempotent)",
    session: true,
    responses: { 200: json("The client", one("client", "Client")) },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/clients/:client/activate": {
    summary: "Activate a deactivated client again (idempotent)",
    session: true,
    responses: { 200: json("The client", one("client", "Client")) },
    errors: ORG_WRITE,
  },
  "POST /v1/organizations/:org/clients/:client/certificates": {
    summary:
      "Create an Ed25519 certificate; `private_key` (standard base64 of the 32-byte seed) is answered this once",
    session: true,
    responses: {
      201: json("Created", closed({ certificate: ref("Certificate"), private_key: T.String() })),
    },
    errors: [402, ...ORG_WRITE],
  },
  "GET /v1/organizations/:org/clients/:client/certificates": {
    summary: "Certificates of the client, revoked ones included (bounded, so not paginated)",
    session: true,
    responses: {
      200: json("Certificates", closed({ certificates: T.Array(ref("Certificate")) })),
    },
    errors: ORG_READ,
  },
  "GET /v1/organizations/:org/clients/:client/certificates/:cert": {
    summary: "One certificate (never its private key)",
    session: true,
    responses: { 200: json("The certificate", one("certificate", "Certificate")) },
    errors: ORG_READ,
  },
  "POST /v1/organizations/:org/clients/:client/certificates/:cert/revoke": {
    summary: "Revoke a certificate (a second revoke answers 400)",
    session: true,
    responses: { 200: json("The certificate", one("certificate", "Certificate")) },
    errors: ORG_WRITE,
  },
  "DELETE /v1/organizations/:org/clients/:client/certificates/:cert": {
    summary: "Delete a certificate",
    session: true,
    responses: { 204: empty("Deleted") },
    errors: ORG_WRITE,
  },

  // JWKS (public; ETag and If-None-Match) -----------------------------------------------------
  "GET /.well-known/jwks.json": {
    summary:
      "Every published key of every live organization (active certificates of active clients); `ETag`, 304 on a matching `If-None-Match`",
    responses: { 200: json("The key set", jwks), 304: empty("Not modified (no body)") },
    errors: [503],
  },
  "GET /v1/organizations/:org/jwks.json": orgJwks,
  "GET /v1/organizations/:org/.well-known/jwks.json": orgJwks,

  // Vault tokens (docs/tokens.md) ---------------------------------------------------------------
  "POST /v1/organizations/:org/vaults/:vault/tokens": {
    summary:
      "Issue a vault access token (EdDSA JWT, `kid` of the newest published certificate) for the signed-in user, at most their effective vault role, with a session-bound refresh token",
    session: true,
    responses: { 201: json("The access and refresh tokens", vaultTokenAnswer) },
    errors: [404, 409, ...ORG_WRITE],
  },
  "POST /v1/token": {
    summary:
      "Exchange a client assertion (RFC 7523, EdDSA, signed with a client certificate key; form body) for a vault access token and a client-bound refresh token; 60/min per client",
    responses: { 200: json("The access and refresh tokens", vaultTokenAnswer) },
    errors: [401, 403, 404, 409, 429, 503],
    oauthErrors: true,
  },
  "POST /v1/tokens/refresh": {
    summary:
      "Rotate a refresh token: a new access token and a new refresh token; a used token revokes its whole family",
    responses: { 200: json("The new tokens", vaultTokenAnswer) },
    errors: [403, 404, 409, 503],
  },
  "POST /v1/tokens/revoke/vault/:vault": {
    summary: "Revoke every refresh token of the vault (vault ADMIN)",
    session: true,
    responses: { 200: json("How many families were revoked", closed({ revoked_count: Count })) },
    errors: [404, 503],
  },

  // Audit --------------------------------------------------------------------------------------
  "GET /v1/organizations/:org/audit-logs": {
    summary: "The organization's audit log, newest first, with filters and a cursor (OWNER)",
    session: true,
    responses: {
      200: json(
        "A page of events",
        closed({ audit_logs: T.Array(ref("AuditEvent")), next_cursor: nullable(T.String()) }),
      ),
    },
    errors: ORG_READ,
  },
};
