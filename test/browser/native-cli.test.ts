/**
 * A native app we did not write signs in through the browser (issue 13, docs/cli-sign-in.md):
 * test/e2e/python/native_client.py (Python's standard library only) plays `inferadb login` as
 * the real CLI does — a loopback listener on a free port, PKCE S256, `state` — while a real
 * Chromium (playwright-core) goes through the product's sign-in page and the consent page. The
 * token it receives works as Bearer on GET /v1/users/me; a wrong verifier, a replayed code, a
 * forged `state`, a non-loopback redirect and an unregistered client all fail as the RFCs say.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import {
  call,
  createOrg,
  invitationMail,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "../e2e/http/org-harness.ts";
import { CHROMIUM, launchChromium } from "../support/chromium.ts";

const PYTHON = "/usr/bin/python3";
const SCRIPT = join(import.meta.dir, "../e2e/python/native_client.py");
const missing = [CHROMIUM, PYTHON].filter((p) => !existsSync(p));
if (missing.length > 0)
  console.log(`SKIP native CLI sign-in in Chromium: ${missing.join(", ")} absent`);

/** A free TCP port on 127.0.0.1 (the page origin must be known before the server starts). */
function freePort(): number {
  const s = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

describe.skipIf(missing.length > 0)(
  `native CLI sign-in through Chromium${missing.length > 0 ? ` (skipped: ${missing.join(", ")} not installed)` : ""}`,
  () => {
    let env: OrgEnv;
    let browser: Browser;
    let user: User;
    let origin: string;
    const shots = mkdtempSync(join(tmpdir(), "native-cli-shots-"));

    beforeAll(async () => {
      const port = freePort();
      origin = `http://localhost:${port}`;
      env = await startOrgEnv({
        config: { server: { http_port: port }, frontend_base_url: `${origin}/ui` },
      });
      user = await signUp(env, "Native CLI user");
      browser = await launchChromium();
      console.log(`native CLI screenshots: ${shots}`);
    });

    afterAll(async () => {
      await browser?.close();
      await env?.close();
    });

    test("the Python client signs in with the browser; every refusal as the RFCs say", async () => {
      const py = Bun.spawn([PYTHON, SCRIPT], { stdin: "pipe", stdout: "pipe", stderr: "pipe" });
      py.stdin.write(JSON.stringify({ base: origin, rounds: 2 }));
      await py.stdin.end();
      const context = await browser.newContext();
      const page = await context.newPage();
      const reader = py.stdout.getReader();
      let buffered = "";
      let final: Record<string, unknown> | undefined;
      const decoder = new TextDecoder();
      while (!final) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value);
        let nl = buffered.indexOf("\n");
        while (nl >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          nl = buffered.indexOf("\n");
          const ev = JSON.parse(line) as Record<string, unknown>;
          if (ev.done) {
            final = ev.results as Record<string, unknown>;
            break;
          }
          if (typeof ev.error === "string") throw new Error(`python: ${ev.error}`);
          const round = ev.round as number;
          if (round === 2) {
            // A forged callback reaches the loopback listener first: the client must refuse it.
            const forged = await fetch(`${ev.callback as string}?code=x&state=forged`);
            expect(forged.status).toBe(400);
          }
          await page.goto(ev.authorize_url as string);
          if (round === 1) {
            // Not signed in: the product's sign-in page, then back to the authorization request.
            await page.waitForSelector("#sign-in-form");
            await page.screenshot({ path: join(shots, "1-sign-in.png") });
            await page.fill("#email", user.email);
            await page.fill("#password", "correct horse battery staple");
            await page.press("#password", "Enter");
          }
          await page.waitForSelector('button[name="decision"][value="allow"]');
          expect(await page.textContent("h1")).toContain("InferaDB CLI");
          await page.screenshot({ path: join(shots, `2-consent-round-${round}.png`) });
          await page.click('button[name="decision"][value="allow"]');
          await page.waitForURL(/127\.0\.0\.1:\d+\/callback/);
        }
      }
      const code = await py.exited;
      const stderr = await new Response(py.stderr).text();
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(final).toBeDefined();
      const r = final as Record<string, unknown>;
      expect(r.non_loopback).toEqual([400, null]);
      expect(r.unregistered).toEqual([400, null]);
      expect((r.wrong_verifier as [number, { error: string }])[1].error).toBe("invalid_grant");
      expect((r.after_burn as [number, { error: string }])[1].error).toBe("invalid_grant");
      expect(r.forged_state_refused).toBe(1);
      expect(r.exchange).toEqual([
        200,
        ["access_token", "expires_in", "refresh_token", "scope", "token_type"],
        "Bearer",
      ]);
      const me = r.me as [number, { user: { id: string } }];
      expect(me[0]).toBe(200);
      expect(me[1].user.id).toBe(user.id);
      expect((r.replay as [number, { error: string }])[0]).toBe(400);
      expect((r.replay as [number, { error: string }])[1].error).toBe("invalid_grant");
      expect(r.refresh).toEqual([200, 200]);
      await context.close();
    }, 90_000);

    test("an invitation mail's link, opened signed out: sign in, come back, join", async () => {
      const owner = await signUp(env, "Inviter");
      const invitee = await signUp(env, "Invitee");
      const org = await createOrg(env, owner, "Browser Invitations");
      const r = await call(env, "POST", `/v1/organizations/${org}/invitations`, {
        token: owner.token,
        body: { email: invitee.email, role: "MEMBER" },
      });
      expect(r.status).toBe(201);
      const mail = await invitationMail(
        env,
        invitee.email,
        (r.body.invitation as { id: string }).id,
      );
      const link = /https?:\/\/\S+invitations\/accept\?token=[^\s"<]+/.exec(mail.text)?.[0];
      expect(link).toBeDefined();
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link as string);
      await page.waitForSelector("#sign-in-form");
      await page.fill("#email", invitee.email);
      await page.fill("#password", "correct horse battery staple");
      await page.press("#password", "Enter");
      await page.waitForURL(/\/ui\/invitations\/accept/);
      await page.getByText("You joined Browser Invitations").waitFor({ state: "visible" });
      await page.screenshot({ path: join(shots, "3-invitation-accepted.png") });
      const members = await call(env, "GET", `/v1/organizations/${org}/members`, {
        token: owner.token,
      });
      const ids = (members.body.members as { user_id: string }[]).map((m) => m.user_id);
      expect(ids).toContain(invitee.id);
      await context.close();
    }, 60_000);
  },
);
