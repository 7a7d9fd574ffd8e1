/**
 * Address squatting (issue 9 item 7, docs/adr/0010): an address held only unverified never blocks
 * registering it or adding it elsewhere; the first account to verify it keeps it, and it is
 * detached from every account holding it unverified (their primary falls back; an account left
 * with no address still signs in with it and its password, and can add one).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { type Account, call, mailTo, registerAccount, tokenFromMail } from "./identity-helpers.ts";

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
});
afterAll(() => server.close());

interface Email {
  id: string;
  email: string;
  is_primary: boolean;
  is_verified: boolean;
}

async function emailsOf(a: Account): Promise<Email[]> {
  const r = await call(server, "GET", "/v1/users/emails", undefined, { bearer: a.session });
  expect(r.status).toBe(200);
  return r.body.emails;
}

/** The verification link mailed to `address` for the account named `name`. */
async function verificationToken(address: string, name: string): Promise<string> {
  const mail = await server.smtp!.waitForMail(
    (m) => mailTo(address, "Verify your email address")(m) && m.text.includes(`Hello ${name},`),
  );
  return tokenFromMail(mail);
}

const verifyWith = (token: string) => call(server, "POST", "/v1/auth/verify-email", { token });

test("the squatter of an unverified primary address loses it when its owner verifies", async () => {
  const victim = `victim-${Date.now()}@example.com`;
  const own = `squatter-own-${Date.now()}@example.com`;
  // The squatter registers with the victim's address, adds and verifies an address of their own.
  const squatter = await registerAccount(server, { name: "Squatter", email: victim });
  const add = await call(
    server,
    "POST",
    "/v1/users/emails",
    { email: own },
    {
      bearer: squatter.session,
    },
  );
  expect(add.status).toBe(201);
  expect((await verifyWith(await verificationToken(own, "Squatter"))).status).toBe(200);

  // Before: 409 EMAIL_IN_USE, and the victim's reset request mailed nothing.
  const owner = await registerAccount(server, { name: "Owner", email: victim });
  expect(owner.userId).not.toBe(squatter.userId);
  expect((await verifyWith(await verificationToken(victim, "Owner"))).status).toBe(200);

  // Detached from the squatter; its primary falls back to its verified address.
  expect(await emailsOf(squatter)).toEqual([
    expect.objectContaining({ email: own, is_primary: true, is_verified: true }),
  ]);
  expect(await emailsOf(owner)).toEqual([
    expect.objectContaining({ email: victim, is_primary: true, is_verified: true }),
  ]);
  // The squatter's pending verification link for the address is dead.
  expect((await verifyWith(await verificationToken(victim, "Squatter"))).status).toBe(400);

  // The address now signs the owner in, and password resets go to the owner.
  const login = await call(server, "POST", "/v1/auth/login/password", {
    email: victim,
    password: owner.password,
  });
  expect(login.body.user_id).toBe(owner.userId);
  await call(server, "POST", "/v1/auth/password-reset/request", { email: victim });
  const reset = await server.smtp!.waitForMail(mailTo(victim, "Reset your password"));
  expect(reset.text).toContain("Hello Owner,");
  // Taken for good now.
  const late = await call(server, "POST", "/v1/auth/register", {
    name: "Late",
    email: victim,
    password: "correct horse battery staple",
  });
  expect(late.status).toBe(409);
});

test("an unverified address of another account can be added; an account left without address still signs in", async () => {
  const address = `shared-${Date.now()}@example.com`;
  const first = await registerAccount(server, {
    name: "First",
    email: address,
    password: "the first account's password",
  });
  const second = await registerAccount(server, { name: "Second" });
  // Before: 409 EMAIL_IN_USE (an unverified primary address of another account was taken).
  const add = await call(
    server,
    "POST",
    "/v1/users/emails",
    { email: address },
    {
      bearer: second.session,
    },
  );
  expect(add.status).toBe(201);
  // The same account cannot hold it twice.
  const twice = await call(
    server,
    "POST",
    "/v1/users/emails",
    { email: address },
    {
      bearer: second.session,
    },
  );
  expect(twice.status).toBe(409);

  expect((await verifyWith(await verificationToken(address, "Second"))).status).toBe(200);
  expect(await emailsOf(first)).toEqual([]);
  // No address left: the first account still signs in with the address and its password...
  const login = await call(server, "POST", "/v1/auth/login/password", {
    email: address,
    password: first.password,
  });
  expect(login.status).toBe(200);
  expect(login.body.user_id).toBe(first.userId);
  // ...and the second with its own.
  const secondLogin = await call(server, "POST", "/v1/auth/login/password", {
    email: address,
    password: second.password,
  });
  expect(secondLogin.body.user_id).toBe(second.userId);
  // ...and can add an address, which becomes its primary.
  const fresh = `fresh-${Date.now()}@example.com`;
  const readd = await call(
    server,
    "POST",
    "/v1/users/emails",
    { email: fresh },
    {
      bearer: first.session,
    },
  );
  expect(readd.status).toBe(201);
  expect(readd.body.email.is_primary).toBe(true);
  const resend = await call(server, "POST", "/v1/auth/resend-verification", undefined, {
    bearer: first.session,
  });
  expect(resend.status).toBe(200);
});
