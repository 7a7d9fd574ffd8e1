/**
 * Sign-in for the CLI and other native apps (issue 13, docs/cli-sign-in.md):
 *
 * - the contract's JSON PKCE routes: `cliAuthorize` (a web session approves an S256 challenge →
 *   a code, 10 min, single use) and `cliToken` (code + verifier → a CLI session token);
 * - OAuth 2.0 for native apps (RFC 6749 §4.1 with RFC 7636 PKCE and RFC 8252 loopback
 *   redirects): `checkAuthorize` / `decide` behind `GET /oauth/authorize` and its consent page,
 *   `token` behind `POST /oauth/token` (authorization_code, refresh_token, device_code);
 * - the device authorization grant (RFC 8628): `deviceAuthorize`, `deviceDecide`.
 *
 * The access token every grant gives is an opaque CLI session credential (A5: `<id>.<secret>`,
 * 7-day CLI session, listed with the user's sessions, revocable), usable as `Authorization:
 * Bearer` on every session route. With `offline_access` in the scope a refresh token comes too;
 * each refresh rotates it, ends the previous CLI session and starts a new one; a used refresh
 * token presented again revokes its family and the family's current session.
 *
 * A code's redemption is one transaction that reads it and marks it used, so of concurrent
 * redemptions exactly one commits; a wrong verifier, a mismatching client or redirect, or an
 * ended approving session burn the code (A16) in that same transaction.
 */
import { randomInt } from "node:crypto";
import { issueCredential, parseCredential, secretMatches } from "../../crypto/tokens.ts";
import { OAuthErrors } from "../../domain/oauth/errors.ts";
import { isPkceValue, pkceMatches } from "../../domain/oauth/pkce.ts";
import {
  type AuthCode,
  CODE_TTL_MS,
  DEVICE_INTERVAL_S,
  DEVICE_TTL_MS,
  type DeviceCode,
  deviceByUserCode,
  displayUserCode,
  getCode,
  getDevice,
  getFamily,
  getRefresh,
  NATIVE_REFRESH_TTL_MS,
  type NativeFamily,
  normaliseUserCode,
  putCodeWrites,
  putDeviceWrites,
  putFamilyWrites,
  putRefreshWrites,
  USER_CODE_ALPHABET,
} from "../../domain/oauth/records.ts";
import type { RateLimitRule } from "../../domain/ratelimit/counters.ts";
import { rateLimitedError } from "../../domain/ratelimit/limiter.ts";
import { getUser } from "../../domain/users/records.ts";
import { applyMutations, type Transaction } from "../../kv/types.ts";
import type { AppError } from "../../lib/errors.ts";
import { auditWrites, type Principal, type RequestMeta } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import type { CreatedSession, SessionService } from "../sessions/service.ts";
import { type NativeClient, redirectAllowed } from "./clients.ts";

export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** Scopes a native client may ask for (what the real CLI sends); `offline_access` adds refresh. */
export const SCOPES = ["openid", "profile", "offline_access"] as const;

export interface OAuthSettings {
  clients: readonly NativeClient[];
  /** `https://host` this service is reached at (the `issuer` of the metadata, page links). */
  publicOrigin: string;
  /** Base URL of the product's pages (sign-in). */
  pagesBase: string;
  cliSessionTtlMs: number;
  rules: {
    deviceAuthorizations: RateLimitRule;
    userCodeFailures: RateLimitRule;
    /** Token-endpoint calls (`/oauth/token`, `/v1/auth/cli/token`) per client IP. */
    tokenRequests: RateLimitRule;
  };
}

/** A validated `GET /oauth/authorize` request. */
export interface AuthorizeRequest {
  client: NativeClient;
  redirect_uri: string;
  state: string | null;
  code_challenge: string;
  scope: string;
}

export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest }
  /** A problem with the client or the redirect: answered here, never redirected. */
  | { ok: false; error: AppError; redirect: null }
  /** Any other problem: redirected to the client with `error` (RFC 6749 §4.1.2.1). */
  | { ok: false; error: AppError; redirect: string; oauthError: string };

export interface NativeTokens {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

type Redeemed =
  | { ok: true; code: AuthCode; session: CreatedSession }
  | { ok: false; why: "invalid" | "verifier" | "session" | "mismatch" };

function withQuery(uri: string, params: Record<string, string | null>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

function scopeOf(raw: string | undefined): string | null {
  const parts = (raw ?? "").split(" ").filter((s) => s.length > 0);
  if (parts.some((p) => !(SCOPES as readonly string[]).includes(p))) return null;
  return [...new Set(parts)].join(" ");
}

export class OAuthService {
  readonly #d: ServiceDeps;
  readonly #sessions: SessionService;
  readonly #s: OAuthSettings;

  constructor(deps: ServiceDeps, sessions: SessionService, settings: OAuthSettings) {
    this.#d = deps;
    this.#sessions = sessions;
    this.#s = settings;
  }

  get settings(): OAuthSettings {
    return this.#s;
  }

  #client(id: string | undefined): NativeClient | undefined {
    return this.#s.clients.find((c) => c.client_id === id);
  }

  #audit(tx: Transaction, meta: RequestMeta, type: string, userId: string, data: object) {
    applyMutations(
      tx,
      auditWrites(this.#d, meta, {
        event_type: type,
        user_id: userId,
        resource_type: "session",
        resource_id: null,
        event_data: data as Record<string, string>,
      }),
    );
  }

  /** Writes a new code approved by session `p` (10 min, single use). */
  async #newCode(
    p: Principal,
    o: {
      kind: AuthCode["kind"];
      challenge: string;
      client: string | null;
      redirect: string | null;
      scope: string;
    },
    meta: RequestMeta,
  ): Promise<string> {
    const d = this.#d;
    const id = d.ids.next();
    const cred = issueCredential(id);
    const now = d.clock.now();
    const code: AuthCode = {
      id,
      secret_hash: cred.secretHash,
      kind: o.kind,
      user_id: p.userId,
      session_id: p.sessionId,
      client_id: o.client,
      redirect_uri: o.redirect,
      code_challenge: o.challenge,
      scope: o.scope,
      created_at: now,
      expires_at: now + CODE_TTL_MS,
      used_at: null,
    };
    await d.kv.transact(
      async (tx) => {
        applyMutations(tx, putCodeWrites(code, true));
        this.#audit(tx, meta, "cli_code_issued", p.userId, {
          kind: o.kind,
          client_id: o.client ?? "inferadb-cli",
        });
      },
      { name: "oauth.code" },
    );
    return cred.token;
  }

  /**
   * Redeems a code in one transaction: unknown, expired or used → invalid (nothing written);
   * otherwise the code is burnt whatever follows, and a mismatching kind, client or redirect, a
   * wrong verifier or an ended approving session fail. Success: a CLI session for the user.
   */
  async #redeem(
    presented: string,
    verifier: string,
    expect: { kind: AuthCode["kind"]; client?: string; redirect?: string },
    meta: RequestMeta,
  ): Promise<Redeemed> {
    const d = this.#d;
    const cred = parseCredential(presented);
    if (!cred) return { ok: false, why: "invalid" };
    return d.kv.transact(
      async (tx): Promise<Redeemed> => {
        const code = await getCode(tx, cred.id);
        const now = d.clock.now();
        if (!code || !secretMatches(cred.secret, code.secret_hash))
          return { ok: false, why: "invalid" };
        if (code.used_at !== null || now >= code.expires_at) return { ok: false, why: "invalid" };
        applyMutations(tx, putCodeWrites({ ...code, used_at: now }));
        if (
          code.kind !== expect.kind ||
          (expect.client !== undefined && code.client_id !== expect.client) ||
          (expect.redirect !== undefined && code.redirect_uri !== expect.redirect)
        ) {
          return { ok: false, why: "mismatch" };
        }
        if (!pkceMatches(verifier, code.code_challenge)) return { ok: false, why: "verifier" };
        if (
          !(await this.#sessions.isActiveIn(tx, code.session_id)) ||
          !(await getUser(tx, code.user_id))
        ) {
          return { ok: false, why: "session" };
        }
        const session = await this.#sessions.createIn(tx, code.user_id, "CLI", meta);
        this.#audit(tx, meta, "user_login", code.user_id, {
          method: code.kind === "cli" ? "cli_pkce" : "oauth_authorization_code",
          client_id: code.client_id ?? "inferadb-cli",
        });
        return { ok: true, code, session };
      },
      { name: "oauth.redeem" },
    );
  }

  #expiresIn(session: CreatedSession): number {
    return Math.max(
      0,
      Math.round((session.record.machine.context.expiresAt - this.#d.clock.now()) / 1000),
    );
  }

  // The contract's JSON routes ------------------------------------------------------------------

  async cliAuthorize(
    p: Principal,
    input: { code_challenge: string; code_challenge_method: string },
    meta: RequestMeta,
  ): Promise<{ code: string; expires_in: number }> {
    if (input.code_challenge_method !== "S256") throw OAuthErrors.PKCE_METHOD_UNSUPPORTED();
    if (!isPkceValue(input.code_challenge)) throw OAuthErrors.PKCE_CHALLENGE_INVALID();
    const code = await this.#newCode(
      p,
      { kind: "cli", challenge: input.code_challenge, client: null, redirect: null, scope: "" },
      meta,
    );
    return { code, expires_in: CODE_TTL_MS / 1000 };
  }

  async cliToken(
    input: { code: string; code_verifier: string },
    meta: RequestMeta,
  ): Promise<{ session_token: string; expires_in: number }> {
    await this.#spendTokenBudget(meta);
    const r = await this.#redeem(input.code, input.code_verifier, { kind: "cli" }, meta);
    if (!r.ok) {
      if (r.why === "verifier") throw OAuthErrors.CLI_VERIFIER_INVALID();
      if (r.why === "session") throw OAuthErrors.CLI_SESSION_ENDED();
      throw OAuthErrors.CLI_CODE_INVALID();
    }
    return { session_token: r.session.token, expires_in: this.#expiresIn(r.session) };
  }

  // OAuth 2.0 authorization endpoint ------------------------------------------------------------

  checkAuthorize(q: Record<string, string | undefined>): AuthorizeCheck {
    const client = this.#client(q.client_id);
    if (!client) {
      return { ok: false, redirect: null, error: OAuthErrors.OAUTH_INVALID_CLIENT() };
    }
    const redirect = q.redirect_uri ?? client.redirect_uris[0];
    if (!redirect || !redirectAllowed(client, redirect)) {
      return { ok: false, redirect: null, error: OAuthErrors.OAUTH_REDIRECT_INVALID() };
    }
    const state = q.state ?? null;
    const fail = (oauthError: string, error: AppError): AuthorizeCheck => ({
      ok: false,
      error,
      oauthError,
      redirect: withQuery(redirect, {
        error: oauthError,
        error_description: error.message,
        state,
      }),
    });
    if (q.response_type !== "code") {
      return fail(
        "unsupported_response_type",
        OAuthErrors.OAUTH_INVALID_REQUEST("response_type must be 'code'"),
      );
    }
    if (q.code_challenge_method !== "S256") {
      return fail(
        "invalid_request",
        OAuthErrors.PKCE_METHOD_UNSUPPORTED("PKCE with S256 is required"),
      );
    }
    if (!isPkceValue(q.code_challenge)) {
      return fail("invalid_request", OAuthErrors.PKCE_CHALLENGE_INVALID());
    }
    const scope = scopeOf(q.scope);
    if (scope === null) return fail("invalid_scope", OAuthErrors.OAUTH_INVALID_SCOPE());
    return {
      ok: true,
      request: { client, redirect_uri: redirect, state, code_challenge: q.code_challenge, scope },
    };
  }

  /** The consent decision: a redirect back to the client with a code or `access_denied`. */
  async decide(
    p: Principal,
    request: AuthorizeRequest,
    allow: boolean,
    meta: RequestMeta,
  ): Promise<string> {
    if (!allow) {
      await this.#d.kv.transact(
        async (tx) =>
          this.#audit(tx, meta, "oauth_consent_denied", p.userId, {
            client_id: request.client.client_id,
          }),
        { name: "oauth.denied" },
      );
      return withQuery(request.redirect_uri, {
        error: "access_denied",
        error_description: "The user denied the request",
        state: request.state,
      });
    }
    const code = await this.#newCode(
      p,
      {
        kind: "oauth",
        challenge: request.code_challenge,
        client: request.client.client_id,
        redirect: request.redirect_uri,
        scope: request.scope,
      },
      meta,
    );
    return withQuery(request.redirect_uri, { code, state: request.state });
  }

  // OAuth 2.0 token endpoint --------------------------------------------------------------------

  async #spendTokenBudget(meta: RequestMeta): Promise<void> {
    const budget = await this.#d.limiter.consume(this.#s.rules.tokenRequests, meta.ip ?? "unknown");
    if (!budget.allowed) throw rateLimitedError(budget, "Too many token requests");
  }

  async token(form: Record<string, string | undefined>, meta: RequestMeta): Promise<NativeTokens> {
    await this.#spendTokenBudget(meta);
    const client = this.#client(form.client_id);
    if (form.grant_type === "authorization_code") {
      if (!client) throw OAuthErrors.OAUTH_INVALID_CLIENT();
      if (!form.code || !form.code_verifier) {
        throw OAuthErrors.OAUTH_INVALID_REQUEST("code and code_verifier are required");
      }
      const r = await this.#redeem(
        form.code,
        form.code_verifier,
        { kind: "oauth", client: client.client_id, redirect: form.redirect_uri ?? "" },
        meta,
      );
      if (!r.ok) throw OAuthErrors.OAUTH_INVALID_GRANT();
      return this.#issue(r.session, client.client_id, r.code.scope);
    }
    if (form.grant_type === "refresh_token") {
      if (!client) throw OAuthErrors.OAUTH_INVALID_CLIENT();
      return this.#refresh(client.client_id, form.refresh_token ?? "", meta);
    }
    if (form.grant_type === DEVICE_GRANT) {
      if (!client) throw OAuthErrors.OAUTH_INVALID_CLIENT();
      return this.#pollDevice(client.client_id, form.device_code ?? "", meta);
    }
    throw OAuthErrors.OAUTH_UNSUPPORTED_GRANT_TYPE();
  }

  /** The answer of a grant: the session as access token, a refresh family with offline_access. */
  async #issue(session: CreatedSession, clientId: string, scope: string): Promise<NativeTokens> {
    const out: NativeTokens = {
      access_token: session.token,
      token_type: "Bearer",
      expires_in: this.#expiresIn(session),
      scope,
    };
    if (scope.split(" ").includes("offline_access")) {
      const d = this.#d;
      const familyId = d.ids.next();
      const tokenId = d.ids.next();
      const cred = issueCredential(tokenId);
      const now = d.clock.now();
      const family: NativeFamily = {
        id: familyId,
        user_id: session.record.user_id,
        client_id: clientId,
        scope,
        session_id: session.record.id,
        current_token_id: tokenId,
        created_at: now,
        expires_at: now + NATIVE_REFRESH_TTL_MS,
        revoked_at: null,
      };
      await d.kv.transact(
        async (tx) => {
          applyMutations(tx, putFamilyWrites(family));
          applyMutations(
            tx,
            putRefreshWrites({
              id: tokenId,
              family_id: familyId,
              secret_hash: cred.secretHash,
              expires_at: family.expires_at,
              used_at: null,
            }),
          );
        },
        { name: "oauth.family" },
      );
      out.refresh_token = cred.token;
    }
    return out;
  }

  async #refresh(clientId: string, presented: string, meta: RequestMeta): Promise<NativeTokens> {
    const d = this.#d;
    const cred = parseCredential(presented);
    if (!cred) throw OAuthErrors.OAUTH_INVALID_GRANT();
    const r = await d.kv.transact(
      async (tx) => {
        const token = await getRefresh(tx, cred.id);
        const now = d.clock.now();
        if (!token || !secretMatches(cred.secret, token.secret_hash)) return { ok: false as const };
        const family = await getFamily(tx, token.family_id);
        if (!family || family.revoked_at !== null || family.client_id !== clientId) {
          return { ok: false as const };
        }
        if (token.used_at !== null || family.current_token_id !== token.id) {
          applyMutations(tx, putFamilyWrites({ ...family, revoked_at: now }, family));
          await this.#sessions.revokeIdIn(tx, family.session_id, "refresh_token_reused", meta);
          this.#audit(tx, meta, "refresh_token_reused", family.user_id, {
            client_id: clientId,
            family: family.id,
          });
          return { ok: false as const };
        }
        if (now >= token.expires_at || !(await getUser(tx, family.user_id))) {
          return { ok: false as const };
        }
        await this.#sessions.revokeIdIn(tx, family.session_id, "refreshed", meta);
        const session = await this.#sessions.createIn(tx, family.user_id, "CLI", meta);
        const nextId = d.ids.next();
        const next = issueCredential(nextId);
        const expiresAt = now + NATIVE_REFRESH_TTL_MS;
        applyMutations(tx, putRefreshWrites({ ...token, used_at: now }));
        applyMutations(
          tx,
          putRefreshWrites({
            id: nextId,
            family_id: family.id,
            secret_hash: next.secretHash,
            expires_at: expiresAt,
            used_at: null,
          }),
        );
        applyMutations(
          tx,
          putFamilyWrites(
            {
              ...family,
              current_token_id: nextId,
              session_id: session.record.id,
              expires_at: expiresAt,
            },
            family,
          ),
        );
        this.#audit(tx, meta, "cli_session_refreshed", family.user_id, { client_id: clientId });
        return { ok: true as const, session, refresh: next.token, scope: family.scope };
      },
      { name: "oauth.refresh" },
    );
    if (!r.ok) throw OAuthErrors.OAUTH_INVALID_GRANT();
    return {
      access_token: r.session.token,
      token_type: "Bearer",
      expires_in: this.#expiresIn(r.session),
      refresh_token: r.refresh,
      scope: r.scope,
    };
  }

  // Device authorization grant (RFC 8628) -------------------------------------------------------

  async deviceAuthorize(form: Record<string, string | undefined>, meta: RequestMeta) {
    const d = this.#d;
    const client = this.#client(form.client_id);
    if (!client) throw OAuthErrors.OAUTH_INVALID_CLIENT();
    const scope = scopeOf(form.scope);
    if (scope === null) throw OAuthErrors.OAUTH_INVALID_SCOPE();
    const budget = await d.limiter.consume(
      this.#s.rules.deviceAuthorizations,
      meta.ip ?? "unknown",
    );
    if (!budget.allowed) throw rateLimitedError(budget, "Too many device authorizations");
    const id = d.ids.next();
    const cred = issueCredential(id);
    const now = d.clock.now();
    const device = await d.kv.transact(
      async (tx) => {
        let userCode = "";
        for (let attempt = 0; attempt < 10; attempt++) {
          userCode = Array.from({ length: 8 }, () => USER_CODE_ALPHABET[randomInt(20)]).join("");
          const taken = await deviceByUserCode(tx, userCode);
          if (!taken || taken.expires_at <= now) break;
        }
        const record: DeviceCode = {
          id,
          secret_hash: cred.secretHash,
          user_code: userCode,
          client_id: client.client_id,
          scope,
          created_at: now,
          expires_at: now + DEVICE_TTL_MS,
          interval_s: DEVICE_INTERVAL_S,
          last_poll_at: null,
          status: "pending",
          user_id: null,
        };
        applyMutations(tx, putDeviceWrites(record, true));
        return record;
      },
      { name: "oauth.device" },
    );
    const uri = `${this.#s.publicOrigin}/oauth/device`;
    return {
      device_code: cred.token,
      user_code: displayUserCode(device.user_code),
      verification_uri: uri,
      verification_uri_complete: `${uri}?user_code=${displayUserCode(device.user_code)}`,
      expires_in: DEVICE_TTL_MS / 1000,
      interval: DEVICE_INTERVAL_S,
    };
  }

  /**
   * A signed-in person approves or denies the device showing `rawCode`. Each attempt spends one
   * unit of the per-user failure budget (refunded when the code was right), so guessing codes is
   * stopped after `userCodeFailures.limit` misses per window.
   */
  async deviceDecide(
    p: Principal,
    rawCode: string,
    approve: boolean,
    meta: RequestMeta,
  ): Promise<{ client: NativeClient }> {
    const d = this.#d;
    const rule = this.#s.rules.userCodeFailures;
    const spentAt = d.clock.now();
    const r = await d.kv.transact(
      async (tx) => {
        const budget = await d.limiter.consumeIn(tx, rule, p.userId, spentAt);
        if (!budget.allowed) return { ok: false as const, budget };
        const code = normaliseUserCode(rawCode);
        const device = code ? await deviceByUserCode(tx, code) : undefined;
        const now = d.clock.now();
        if (device?.status !== "pending" || now >= device.expires_at) {
          this.#audit(tx, meta, "device_code_failed", p.userId, {});
          return { ok: false as const, budget: null };
        }
        d.limiter.refundIn(tx, rule, p.userId, spentAt);
        applyMutations(
          tx,
          putDeviceWrites({
            ...device,
            status: approve ? "approved" : "denied",
            user_id: p.userId,
          }),
        );
        this.#audit(tx, meta, approve ? "device_approved" : "device_denied", p.userId, {
          client_id: device.client_id,
        });
        return { ok: true as const, clientId: device.client_id };
      },
      { name: "oauth.device_decide" },
    );
    if (!r.ok) {
      if (r.budget) {
        d.limiter.denied(rule);
        throw rateLimitedError(r.budget, "Too many wrong codes; try again later");
      }
      throw OAuthErrors.USER_CODE_INVALID();
    }
    return {
      client: this.#client(r.clientId) ?? {
        client_id: r.clientId,
        name: r.clientId,
        redirect_uris: [],
      },
    };
  }

  async #pollDevice(clientId: string, presented: string, meta: RequestMeta): Promise<NativeTokens> {
    const d = this.#d;
    const cred = parseCredential(presented);
    if (!cred) throw OAuthErrors.OAUTH_INVALID_GRANT();
    type Poll =
      | { ok: true; session: CreatedSession; scope: string }
      | { ok: false; error: AppError };
    const r = await d.kv.transact(
      async (tx): Promise<Poll> => {
        const device = await getDevice(tx, cred.id);
        const now = d.clock.now();
        if (
          !device ||
          !secretMatches(cred.secret, device.secret_hash) ||
          device.client_id !== clientId
        ) {
          return { ok: false, error: OAuthErrors.OAUTH_INVALID_GRANT() };
        }
        if (device.status === "used")
          return { ok: false, error: OAuthErrors.OAUTH_INVALID_GRANT() };
        if (now >= device.expires_at) return { ok: false, error: OAuthErrors.DEVICE_EXPIRED() };
        if (device.status === "denied") {
          applyMutations(tx, putDeviceWrites({ ...device, status: "used" }));
          return { ok: false, error: OAuthErrors.DEVICE_DENIED() };
        }
        if (device.status === "pending") {
          const early =
            device.last_poll_at !== null && now - device.last_poll_at < device.interval_s * 1000;
          applyMutations(
            tx,
            putDeviceWrites({
              ...device,
              last_poll_at: now,
              interval_s: early ? device.interval_s + 5 : device.interval_s,
            }),
          );
          return {
            ok: false,
            error: early
              ? OAuthErrors.DEVICE_SLOW_DOWN()
              : OAuthErrors.DEVICE_AUTHORIZATION_PENDING(),
          };
        }
        const userId = device.user_id as string;
        applyMutations(tx, putDeviceWrites({ ...device, status: "used" }));
        if (!(await getUser(tx, userId)))
          return { ok: false, error: OAuthErrors.OAUTH_INVALID_GRANT() };
        const session = await this.#sessions.createIn(tx, userId, "CLI", meta);
        this.#audit(tx, meta, "user_login", userId, { method: "device_code", client_id: clientId });
        return { ok: true, session, scope: device.scope };
      },
      { name: "oauth.device_poll" },
    );
    if (!r.ok) throw r.error;
    return this.#issue(r.session, clientId, r.scope);
  }

  /** RFC 8414 authorization server metadata. */
  metadata() {
    const o = this.#s.publicOrigin;
    return {
      issuer: o,
      authorization_endpoint: `${o}/oauth/authorize`,
      token_endpoint: `${o}/oauth/token`,
      device_authorization_endpoint: `${o}/oauth/device_authorization`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code", "refresh_token", DEVICE_GRANT],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
      scopes_supported: [...SCOPES],
    };
  }
}
