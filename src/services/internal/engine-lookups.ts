/**
 * Engine-facing lookups (issue 10 item 7; ../shared/spec/engine.md "What the engine calls on this
 * service"), served on the internal listener (`cluster.internal_port`) beside node-to-node
 * forwarding, never on the public one:
 *
 *   GET /internal/organizations/{org} → {id, name, status: "active" | "suspended" | "deleted"}
 *   GET /internal/vaults/{vault}      → {id, name, organization_id, sync_status, sync_error,
 *                                        created_at, updated_at, deleted_at}   (404 when deleted)
 *
 * The engine parses `id` and `organization_id` as 64-bit integers, so these two answers carry
 * them as exact JSON integers: the JSON text is written here from the stored decimal strings,
 * never through a JS number (which would round above 2^53).
 *
 * Authentication: `Authorization: Bearer <jwt>` of the engine, EdDSA, verified against the
 * engine's JWKS at `server_api.engine_jwks_url` (jose's remote JWKS: cached, refetched on an
 * unknown `kid` at most once per cooldown), with `exp`, `iss`, `sub` and `aud` required and `iss`
 * / `aud` equal to `server_api.engine_jwt_issuer` / `engine_jwt_audience`. Without a JWKS URL the
 * routes answer 503 `ENGINE_AUTH_NOT_CONFIGURED` (nothing is served unauthenticated). Records are
 * read from the KV store's committed data (one snapshot transaction), not through the actors.
 */
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from "jose";
import { OrganizationCodec } from "../../domain/organizations/codecs.ts";
import { OrgKeys } from "../../domain/organizations/keys.ts";
import type { Organization } from "../../domain/organizations/types.ts";
import { VaultCodec } from "../../domain/vaults/codecs.ts";
import { VaultKeys } from "../../domain/vaults/keys.ts";
import type { Vault } from "../../domain/vaults/types.ts";
import { vaultView } from "../../domain/vaults/views.ts";
import type { KvStore } from "../../kv/types.ts";
import type { Clock } from "../../lib/clock.ts";
import { isId } from "../../lib/ids.ts";
import type { Logger } from "../../lib/log.ts";

export const ORG_LOOKUP_PREFIX = "/internal/organizations/";
export const VAULT_LOOKUP_PREFIX = "/internal/vaults/";

/** jose remote JWKS tuning: fetch timeout, refetch cooldown on an unknown `kid`, cache age. */
const JWKS_TIMEOUT_MS = 5_000;
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
/** Clock skew accepted on `exp` / `nbf` / `iat` (seconds). */
const CLOCK_TOLERANCE_S = 5;

export interface EngineLookupSettings {
  /** The engine's JWKS; empty = lookups disabled (503). */
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export interface EngineLookupDeps {
  kv: KvStore;
  clock: Clock;
  log: Logger;
  settings: EngineLookupSettings;
  /** Tests may inject a key source instead of the remote JWKS. */
  keys?: JWTVerifyGetKey;
}

/** A request handler for the internal endpoint: a Response for our routes, undefined otherwise. */
export type InternalRouteHandler = (req: Request, url: URL) => Promise<Response | undefined>;

function problem(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return Response.json(
    { error: message, code, request_id: crypto.randomUUID() },
    { status, headers },
  );
}

/** A stored id as a JSON integer literal: its canonical decimal digits, checked, never a number. */
export function jsonInteger(id: string): string {
  if (!isId(id)) throw new Error(`not a Snowflake id: ${JSON.stringify(id)}`);
  return id;
}

/** `status` of an organization as the engine expects it. */
export function organizationStatus(o: Organization): "active" | "suspended" | "deleted" {
  if (o.deleted_at !== null) return "deleted";
  if (o.suspended_at !== null) return "suspended";
  return "active";
}

/** The organization answer's JSON text (exact integer `id`). */
export function organizationJson(o: Organization): string {
  return `{"id":${jsonInteger(o.id)},"name":${JSON.stringify(o.name)},"status":${JSON.stringify(organizationStatus(o))}}`;
}

/** The vault answer's JSON text (exact integer `id` and `organization_id`). */
export function vaultJson(v: Vault): string {
  const view = vaultView(v);
  const str = (s: string | null) => JSON.stringify(s);
  return (
    `{"id":${jsonInteger(v.id)},"name":${str(view.name)},` +
    `"organization_id":${jsonInteger(v.org_id)},"sync_status":${str(view.sync_status)},` +
    `"sync_error":${str(view.sync_error)},"created_at":${str(view.created_at)},` +
    `"updated_at":${str(view.updated_at)},"deleted_at":${str(view.deleted_at)}}`
  );
}

/** Reads from committed data: an organization (tombstones included). */
async function readOrganization(kv: KvStore, orgId: string): Promise<Organization | undefined> {
  return kv.transact(
    async (tx) => {
      const raw = await tx.snapshot.get(OrgKeys.org(orgId));
      return raw === undefined ? undefined : OrganizationCodec.decode(raw);
    },
    { name: "internal.organization" },
  );
}

/** A live vault of a live organization, from committed data; undefined otherwise. */
async function readLiveVault(kv: KvStore, vaultId: string): Promise<Vault | undefined> {
  return kv.transact(
    async (tx) => {
      const raw = await tx.snapshot.get(VaultKeys.record(vaultId));
      if (raw === undefined) return undefined;
      const vault = VaultCodec.decode(raw);
      if (vault.deleted_at !== null) return undefined;
      const orgRaw = await tx.snapshot.get(OrgKeys.org(vault.org_id));
      if (orgRaw === undefined || OrganizationCodec.decode(orgRaw).deleted_at !== null) {
        return undefined;
      }
      return vault;
    },
    { name: "internal.vault" },
  );
}

/** JWT failures that mean "this token is not acceptable" (401); anything else is ours (503). */
const REFUSALS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
  errors.JWKInvalid,
];

const BEARER = /^Bearer[ \t]+([A-Za-z0-9_\-.]+)[ \t]*$/i;

export function engineLookupRoutes(deps: EngineLookupDeps): InternalRouteHandler {
  const { kv, clock, settings } = deps;
  const log = deps.log.child({ subsystem: "engine-lookups" });
  const keys: JWTVerifyGetKey | undefined =
    deps.keys ??
    (settings.jwksUrl
      ? createRemoteJWKSet(new URL(settings.jwksUrl), {
          timeoutDuration: JWKS_TIMEOUT_MS,
          cooldownDuration: JWKS_COOLDOWN_MS,
          cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
        })
      : undefined);

  /** Undefined when the caller is the engine; the refusal otherwise. */
  async function authenticate(req: Request): Promise<Response | undefined> {
    if (!keys) {
      return problem(503, "ENGINE_AUTH_NOT_CONFIGURED", "Engine lookups are not configured");
    }
    const unauthorized = () =>
      problem(401, "UNAUTHENTICATED", "Authentication required", {
        "www-authenticate": 'Bearer realm="inferadb-internal"',
      });
    const m = BEARER.exec(req.headers.get("authorization") ?? "");
    if (!m?.[1]) return unauthorized();
    try {
      await jwtVerify(m[1], keys, {
        algorithms: ["EdDSA", "Ed25519"],
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ["exp", "iss", "sub", "aud"],
        currentDate: new Date(clock.now()),
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      return undefined;
    } catch (e) {
      if (REFUSALS.some((E) => e instanceof E)) {
        log.warn("refused engine lookup token", { reason: (e as Error).message });
        return unauthorized();
      }
      log.warn("engine JWKS unavailable", {
        error: e instanceof Error ? e.message : String(e),
      });
      return problem(503, "ENGINE_JWKS_UNAVAILABLE", "Service unavailable; retry later", {
        "retry-after": "5",
      });
    }
  }

  const json = (text: string) =>
    new Response(text, { status: 200, headers: { "content-type": "application/json" } });

  return async (req, url) => {
    const path = url.pathname;
    const kind = path.startsWith(ORG_LOOKUP_PREFIX)
      ? "org"
      : path.startsWith(VAULT_LOOKUP_PREFIX)
        ? "vault"
        : undefined;
    if (!kind) return undefined;
    const id = path.slice((kind === "org" ? ORG_LOOKUP_PREFIX : VAULT_LOOKUP_PREFIX).length);
    if (id.includes("/")) return undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      return problem(405, "METHOD_NOT_ALLOWED", "Method not allowed", { allow: "GET, HEAD" });
    }
    const refused = await authenticate(req);
    if (refused) return refused;
    if (!isId(id)) return problem(400, "INVALID_ID", "Invalid id");
    if (kind === "org") {
      const org = await readOrganization(kv, id);
      if (!org) return problem(404, "ORG_NOT_FOUND", "Organization not found");
      return json(organizationJson(org));
    }
    const vault = await readLiveVault(kv, id);
    if (!vault) return problem(404, "VAULT_NOT_FOUND", "Vault not found");
    return json(vaultJson(vault));
  };
}
