/**
 * Native-app sign-in routes (issue 13, docs/cli-sign-in.md):
 *
 *   POST /v1/auth/cli/authorize                   session → 200 {code, expires_in}
 *   POST /v1/auth/cli/token                       public  → 200 {session_token, expires_in}
 *   GET  /oauth/authorize                         consent page, or 302 to sign-in / to the client
 *   POST /oauth/authorize                         session (form) → 303 to the client
 *   POST /oauth/token                             public (form) → 200 RFC 6749 §5.1 / 400 §5.2
 *   POST /oauth/device_authorization              public (form) → 200 RFC 8628 §3.2
 *   GET  /oauth/device                            the device page (signed in), or 302 to sign-in
 *   POST /oauth/device                            session (form) → the outcome page
 *   GET  /.well-known/oauth-authorization-server  RFC 8414 metadata
 *   GET  /oauth/style.css                         the pages' stylesheet
 */
import { Elysia } from "elysia";
import { isAppError } from "../../lib/errors.ts";
import type { HttpDeps } from "../../services/index.ts";
import {
  AuthorizeDecisionForm,
  AuthorizeQuery,
  CliAuthorizeInput,
  CliTokenInput,
  DeviceDecisionForm,
  DeviceQuery,
  OAuthForm,
} from "../../services/oauth/inputs.ts";
import {
  consentPage,
  devicePage,
  messagePage,
  OAUTH_CSS,
  PAGE_HEADERS,
} from "../pages/oauth-pages.ts";
import { authPlugin, presentedCredential } from "../plugins/auth.ts";
import { errorResponse } from "../plugins/errors.ts";
import { requestIdOf } from "../plugins/request-id.ts";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: PAGE_HEADERS });
}

function redirect(location: string, status = 302): Response {
  return new Response(null, { status, headers: { location, "cache-control": "no-store" } });
}

export const oauthRoutes = (deps: HttpDeps) => {
  const { oauth, sessions } = deps.services;
  const session = { requireSession: true } as const;

  /** The signed-in user of a page request (cookie or Bearer), or undefined. */
  const viewer = async (request: Request) => {
    const presented = presentedCredential(request.headers);
    return presented.token ? sessions.authenticate(presented.token) : undefined;
  };
  /** The sign-in page, coming back to `request`'s path and query afterwards. */
  const signIn = (request: Request) => {
    const u = new URL(request.url);
    return redirect(
      `${oauth.settings.pagesBase}/?next=${encodeURIComponent(`${u.pathname}${u.search}`)}`,
    );
  };

  return new Elysia({ name: "oauth-routes" })
    .use(authPlugin(deps))
    .post(
      "/v1/auth/cli/authorize",
      ({ principal, body, clientMeta }) => oauth.cliAuthorize(principal, body, clientMeta),
      { ...session, body: CliAuthorizeInput },
    )
    .post(
      "/v1/auth/cli/token",
      async ({ body, clientMeta, set }) => {
        Object.assign(set.headers, NO_STORE);
        return oauth.cliToken(body, clientMeta);
      },
      { body: CliTokenInput },
    )
    .get(
      "/oauth/authorize",
      async ({ query, request }) => {
        const check = oauth.checkAuthorize(query);
        if (!check.ok) {
          if (check.redirect !== null) return redirect(check.redirect);
          return html(messagePage("Sign-in request refused", check.error.message, "alert"), 400);
        }
        const who = await viewer(request);
        if (!who) return signIn(request);
        const r = check.request;
        return html(
          consentPage({
            clientName: r.client.name,
            userName: who.user.name,
            scope: r.scope,
            fields: {
              response_type: "code",
              client_id: r.client.client_id,
              redirect_uri: r.redirect_uri,
              state: r.state,
              code_challenge: r.code_challenge,
              code_challenge_method: "S256",
              scope: r.scope,
            },
          }),
        );
      },
      { query: AuthorizeQuery },
    )
    .post(
      "/oauth/authorize",
      async ({ principal, body, clientMeta }) => {
        const check = oauth.checkAuthorize(body);
        if (!check.ok) {
          if (check.redirect !== null) return redirect(check.redirect, 303);
          return html(messagePage("Sign-in request refused", check.error.message, "alert"), 400);
        }
        const to = await oauth.decide(
          principal,
          check.request,
          body.decision === "allow",
          clientMeta,
        );
        return redirect(to, 303);
      },
      { ...session, body: AuthorizeDecisionForm },
    )
    .post(
      "/oauth/token",
      async ({ body, clientMeta, set }) => {
        Object.assign(set.headers, NO_STORE);
        return oauth.token(body, clientMeta);
      },
      { body: OAuthForm },
    )
    .post(
      "/oauth/device_authorization",
      async ({ body, clientMeta, set }) => {
        Object.assign(set.headers, NO_STORE);
        return oauth.deviceAuthorize(body, clientMeta);
      },
      { body: OAuthForm },
    )
    .get(
      "/oauth/device",
      async ({ query, request }) => {
        const who = await viewer(request);
        if (!who) return signIn(request);
        return html(devicePage({ userName: who.user.name, userCode: query.user_code ?? "" }));
      },
      { query: DeviceQuery },
    )
    .post(
      "/oauth/device",
      async ({ principal, currentUser, body, clientMeta, request }) => {
        const approve = body.decision === "allow";
        try {
          const { client } = await oauth.deviceDecide(
            principal,
            body.user_code,
            approve,
            clientMeta,
          );
          return html(
            approve
              ? messagePage(
                  "Device connected",
                  `${client.name} is signed in. You can return to your terminal.`,
                )
              : messagePage("Device denied", `${client.name} was not signed in.`),
          );
        } catch (e) {
          if (isAppError(e) && e.code === "USER_CODE_INVALID") {
            return html(
              devicePage({
                userName: currentUser.name,
                userCode: body.user_code,
                error: e.message,
              }),
              400,
            );
          }
          if (isAppError(e) && e.code === "RATE_LIMITED") {
            return errorResponse(e, requestIdOf(request));
          }
          throw e;
        }
      },
      { ...session, body: DeviceDecisionForm },
    )
    .get("/.well-known/oauth-authorization-server", () => oauth.metadata())
    .get(
      "/oauth/style.css",
      () =>
        new Response(OAUTH_CSS, {
          headers: {
            "content-type": "text/css; charset=utf-8",
            "cache-control": "public, max-age=3600",
          },
        }),
    );
};
