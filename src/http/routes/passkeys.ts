/**
 * Passkey routes (A14, issue 12; docs/passkeys.md):
 *
 *   POST   /v1/users/passkeys/registration/options   session → 200 {options}
 *   POST   /v1/users/passkeys/registration/verify    session → 201 {passkey}
 *   GET    /v1/users/passkeys                        session → 200 {passkeys}
 *   PATCH  /v1/users/passkeys/{passkey}              session → 200 {passkey}
 *   DELETE /v1/users/passkeys/{passkey}              session → 204
 *   POST   /v1/auth/passkey/options                  public  → 200 {options}
 *   POST   /v1/auth/passkey/verify                   public  → 200 like password sign-in + cookie
 *
 * The sign-in routes share the per-IP sign-in limit of password login (A7). Thin: schema →
 * service → response.
 */
import { Elysia } from "elysia";
import type { HttpDeps } from "../../services/index.ts";
import {
  AuthenticationOptionsInput,
  AuthenticationVerifyInput,
  PasskeyRenameInput,
  RegistrationOptionsInput,
  RegistrationVerifyInput,
} from "../../services/passkeys/inputs.ts";
import { noContent } from "../calls.ts";
import { authPlugin, cookieSecure, sessionCookie } from "../plugins/auth.ts";
import { ipRateLimit } from "../plugins/rate-limit.ts";
import { idParams } from "../schemas.ts";

export const passkeyRoutes = (deps: HttpDeps) => {
  const { passkeys } = deps.services;
  const secure = cookieSecure(deps);
  const session = { requireSession: true } as const;
  return new Elysia({ name: "passkey-routes" })
    .use(authPlugin(deps))
    .post(
      "/v1/users/passkeys/registration/options",
      ({ principal }) => passkeys.registrationOptions(principal),
      { ...session, body: RegistrationOptionsInput },
    )
    .post(
      "/v1/users/passkeys/registration/verify",
      async ({ principal, body, clientMeta, set }) => {
        const out = await passkeys.registrationVerify(principal, body as never, clientMeta);
        set.status = 201;
        return out;
      },
      { ...session, body: RegistrationVerifyInput },
    )
    .get("/v1/users/passkeys", ({ principal }) => passkeys.list(principal), session)
    .patch(
      "/v1/users/passkeys/:passkey",
      ({ principal, params, body, clientMeta }) =>
        passkeys.rename(principal, params.passkey, body.name, clientMeta),
      { ...session, params: idParams("passkey"), body: PasskeyRenameInput },
    )
    .delete(
      "/v1/users/passkeys/:passkey",
      async ({ principal, params, clientMeta }) => {
        await passkeys.remove(principal, params.passkey, clientMeta);
        return noContent();
      },
      { ...session, params: idParams("passkey") },
    )
    .post("/v1/auth/passkey/options", ({ body }) => passkeys.authenticationOptions(body), {
      body: AuthenticationOptionsInput,
      beforeHandle: ipRateLimit(deps, "login"),
    })
    .post(
      "/v1/auth/passkey/verify",
      async ({ body, clientMeta, set }) => {
        const r = await passkeys.authenticationVerify(body as never, clientMeta);
        set.headers["set-cookie"] = sessionCookie(
          r.session.token,
          (r.session.record.machine.context.expiresAt - deps.clock.now()) / 1000,
          secure,
        );
        return {
          user_id: r.user.id,
          name: r.user.name,
          session_id: r.session.record.id,
          session_token: r.session.token,
        };
      },
      { body: AuthenticationVerifyInput, beforeHandle: ipRateLimit(deps, "login") },
    );
};
