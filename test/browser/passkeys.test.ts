/**
 * The web pages (/ui/, src/http/routes/ui.ts) in a real Chromium (playwright-core, Debian's
 * /usr/bin/chromium) with a CDP virtual authenticator (CTAP2, internal, resident keys, user
 * verification), against a real test server whose mail goes to a real SMTP sink:
 *
 * register with a password, by keyboard only → open the verification link from the mail → enrol
 * a passkey on the account page → sign out → sign in with the passkey only (usernameless) → the
 * account page lists the session and the passkey → rename and delete it → passkey sign-in now
 * fails with an error on the page → password reset through the mailed link → password sign-in by
 * keyboard (a wrong password first: the error is announced).
 *
 * WebAuthn needs a secure context and a domain as RP ID (not an IP address): the pages are opened
 * at `http://localhost:<port>`, with `frontend_base_url` = `http://localhost:<port>/ui`,
 * `auth.webauthn.rp_id` = `localhost` and `auth.webauthn.origins` = [`http://localhost:<port>`];
 * the port is chosen before the server starts (the origin is part of the config). A screenshot of
 * each page goes to a fresh temp folder (its path is printed). Without /usr/bin/chromium the
 * suite is skipped with the reason printed (.ci/run installs it when apt-get is usable).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "../support/chromium.ts";
import { createTestServer, type TestServer } from "../support/server.ts";
import type { ReceivedMail } from "../support/smtp.ts";

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.log(
    `test/browser/passkeys.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium)`,
  );
}
const suite = haveChromium ? describe : describe.skip;

const STEP_MS = 30_000;
const NAME = "Ada Lovelace";
const EMAIL = "ada@example.com";
const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "an even longer passphrase 42";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId: string;
let base: string;
let shots: string;
let shotNo = 0;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

/** A free TCP port on 127.0.0.1 (the server's origin must be in its config before it starts). */
function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = probe.port as number;
  probe.stop(true);
  return port;
}

async function shot(name: string): Promise<void> {
  shotNo++;
  await page.screenshot({
    path: join(shots, `${String(shotNo).padStart(2, "0")}-${name}.png`),
    fullPage: true,
  });
}

/** What has keyboard focus: its `name`, else its id, else its text (`""` for the body). */
async function focused(): Promise<string> {
  return (await page.evaluate(
    `(() => { const e = document.activeElement; if (!e || e === document.body) return "";
      return e.getAttribute("name") || e.id || (e.textContent || "").trim(); })()`,
  )) as string;
}

/** Presses Tab until `target` has focus (at most `max` times); the focus order on the way. */
async function tabTo(target: string, max = 15): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused();
    seen.push(f);
    if (f === target) return seen;
  }
  throw new Error(`Tab never reached ${target}; focus went ${seen.join(" → ")}`);
}

function linkIn(mail: ReceivedMail, path: string): string {
  const m = mail.text.match(new RegExp(`https?://\\S+/ui${path}\\?token=\\S+`));
  if (!m) throw new Error(`no ${path} link in mail: ${mail.text}`);
  return m[0];
}

/** Waits for a banner of `kind` (containing `text`) in an aria-live region; answers its text. */
async function banner(kind: "error" | "success" | "info", text?: string): Promise<string> {
  const b = page
    .locator(`[aria-live] .banner-${kind}`, text === undefined ? {} : { hasText: text })
    .first();
  await b.waitFor();
  return (await b.textContent()) ?? "";
}

suite("UI in Chromium: passkeys, verification, reset (virtual authenticator)", () => {
  beforeAll(async () => {
    const t0 = performance.now();
    shots = mkdtempSync(join(tmpdir(), "inferadb-ui-shots-"));
    console.log(`screenshots: ${shots}`);
    const port = freePort();
    base = `http://localhost:${port}`;
    server = await createTestServer({
      smtp: true,
      config: {
        server: { http_port: port },
        frontend_base_url: `${base}/ui`,
        auth: { webauthn: { rp_id: "localhost", origins: [base] } },
      },
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => {
      if (/content security policy/i.test(m.text())) cspViolations.push(m.text());
    });
    cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    ({ authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
    console.log(
      `browser ${browser.version()} and server up in ${Math.round(performance.now() - t0)} ms`,
    );
  }, STEP_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    console.log(`screenshots: ${shots}`);
  });

  test(
    "register by keyboard only (Tab / type / Space / Enter) → account page says check your mail",
    async () => {
      await page.goto(`${base}/ui/register`);
      await expect(page.title()).resolves.toBe("Create your account · InferaDB");
      await tabTo("name");
      await page.keyboard.type(NAME);
      const order: string[] = [];
      for (const text of [EMAIL, PASSWORD]) {
        await page.keyboard.press("Tab");
        order.push(await focused());
        await page.keyboard.type(text);
      }
      await page.keyboard.press("Tab");
      order.push(await focused());
      await page.keyboard.press("Space"); // tick the terms
      await page.keyboard.press("Tab");
      order.push(await focused());
      expect(order).toEqual(["email", "password", "accept_tos", "Create account"]);
      await shot("register");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/ui\/account$/);
      await banner("info", `Check your mail: we have sent a verification link to ${EMAIL}`);
      // waitFor, not isVisible: the list is filled after the page loaded (isVisible does not wait).
      await page.getByText("Unverified").first().waitFor({ state: "visible" });
      await expect(page.locator("#profile-tos").textContent()).resolves.toContain("Accepted");
      await shot("account-welcome");
    },
    STEP_MS,
  );

  test(
    "the verification link from the mail verifies the address",
    async () => {
      const mail = await (server.smtp as NonNullable<TestServer["smtp"]>).waitForMail(
        (m) => m.to.includes(EMAIL) && /verify/i.test(m.subject),
        10_000,
      );
      const link = linkIn(mail, "/verify-email");
      expect(link.startsWith(`${base}/ui/verify-email?token=`)).toBe(true);
      await page.goto(link);
      await banner("success", `Your address ${EMAIL} is verified`);
      expect(page.url()).toBe(`${base}/ui/verify-email`); // the token left the address bar
      await shot("verify-email");
      await page.getByRole("link", { name: "Go to your account" }).click();
      await page.waitForURL(/\/ui\/account$/);
      await page
        .locator("#email-list")
        .getByText("Verified", { exact: true })
        .waitFor({ state: "visible" });
    },
    STEP_MS,
  );

  test(
    "enrol a passkey on the account page",
    async () => {
      await page.getByLabel("Passkey name (optional)").fill("Test laptop");
      await page.getByRole("button", { name: "Add a passkey" }).click();
      await banner("success", "Passkey “Test laptop” added");
      const item = page.locator("#passkey-list li", { hasText: "Test laptop" });
      await expect(item.textContent()).resolves.toContain("Never used");
      const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
      expect(credentials).toHaveLength(1);
      expect(credentials[0]?.isResidentCredential).toBe(true);
      await shot("account-passkey-added");
    },
    STEP_MS,
  );

  test(
    "sign out",
    async () => {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${base}/ui/?signed_out=1`);
      await banner("success", "You have been signed out.");
      expect((await context.cookies()).filter((c) => c.name === "infera_session")).toEqual([]);
      await shot("signed-out");
      // The account page now sends the visitor back to sign in.
      await page.goto(`${base}/ui/account`);
      await page.waitForURL(`${base}/ui/?reason=session`);
    },
    STEP_MS,
  );

  test(
    "sign in with the passkey only (usernameless) → the account lists the session and the passkey",
    async () => {
      await page.goto(`${base}/ui/`);
      await page.getByRole("button", { name: "Sign in with a passkey" }).click();
      await page.waitForURL(/\/ui\/account$/);
      await expect(page.locator("#account-lead").textContent()).resolves.toBe(
        `Signed in as ${NAME}.`,
      );
      const sessions = page.locator("#session-list li");
      await expect(sessions.first().textContent()).resolves.toContain("This device");
      expect(await sessions.count()).toBe(1);
      const passkey = page.locator("#passkey-list li", { hasText: "Test laptop" });
      await expect(passkey.textContent()).resolves.toContain("Last used");
      await shot("account-after-passkey-sign-in");
    },
    STEP_MS,
  );

  test(
    "rename and delete the passkey",
    async () => {
      await page.getByRole("button", { name: "Rename passkey Test laptop" }).click();
      const input = page.getByLabel("New name for Test laptop");
      expect(await focused()).toBe("name"); // the rename field has focus
      await input.fill("Work laptop");
      await shot("passkey-rename");
      await input.press("Enter");
      await banner("success", "now called “Work laptop”");
      await expect(page.locator("#passkey-list li").first().textContent()).resolves.toContain(
        "Work laptop",
      );

      await page.getByRole("button", { name: "Delete passkey Work laptop" }).click();
      await shot("passkey-delete-confirm");
      await page.getByRole("button", { name: "Delete passkey", exact: true }).click();
      await banner("success", "has been deleted");
      await expect(page.locator("#passkey-list").textContent()).resolves.toContain(
        "No passkeys yet",
      );
      await shot("passkey-deleted");
    },
    STEP_MS,
  );

  test(
    "passkey sign-in with the deleted passkey fails with an error on the page",
    async () => {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${base}/ui/?signed_out=1`);
      // The authenticator still holds the credential; the server no longer knows it.
      await page.getByRole("button", { name: "Sign in with a passkey" }).click();
      const error = await banner("error");
      console.log(`passkey sign-in refused, the page says: ${error}`);
      expect(page.url()).toBe(`${base}/ui/?signed_out=1`);
      expect((await context.cookies()).filter((c) => c.name === "infera_session")).toEqual([]);
      await shot("passkey-sign-in-failed");
    },
    STEP_MS,
  );

  test(
    "password reset through the mailed link",
    async () => {
      await page.goto(`${base}/ui/`);
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.waitForURL(`${base}/ui/forgot-password`);
      await page.getByLabel("Email address").fill(EMAIL);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await banner("success", `If an account uses ${EMAIL}`);
      await shot("forgot-password");
      const mail = await (server.smtp as NonNullable<TestServer["smtp"]>).waitForMail(
        (m) => m.to.includes(EMAIL) && /reset/i.test(m.subject),
        10_000,
      );
      await page.goto(linkIn(mail, "/reset-password"));
      await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Repeat the new password").fill(`${NEW_PASSWORD}!`);
      await page.getByRole("button", { name: "Set new password" }).click();
      await banner("error", "do not match");
      await expect(
        page.getByLabel("Repeat the new password").getAttribute("aria-invalid"),
      ).resolves.toBe("true");
      await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Set new password" }).click();
      await banner("success", "Your password has been changed");
      await shot("reset-password");
    },
    STEP_MS,
  );

  test(
    "password sign-in by keyboard only: a wrong password is announced, the right one signs in",
    async () => {
      await page.goto(`${base}/ui/`);
      await tabTo("email");
      await page.keyboard.type(EMAIL);
      await page.keyboard.press("Tab");
      expect(await focused()).toBe("password");
      await page.keyboard.type(PASSWORD); // the old one
      await page.keyboard.press("Enter");
      console.log(`wrong password, the page says: ${await banner("error")}`);
      await shot("sign-in-error");
      expect(await focused()).toBe("password"); // focus stays in the field
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type(NEW_PASSWORD);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/ui\/account$/);
      await expect(page.locator("#account-lead").textContent()).resolves.toBe(
        `Signed in as ${NAME}.`,
      );
      await shot("account");
    },
    STEP_MS,
  );

  test("no script error and no Content-Security-Policy violation on any page", () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
