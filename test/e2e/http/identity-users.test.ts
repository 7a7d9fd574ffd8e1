/**
 * Profile, email addresses and account deletion over real sockets: add (mail sent), verify, make
 * primary (the old primary is unset), delete rules, resend, isolation between users, and the
 * deletion cascade (sessions, addresses reusable).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestServer, type TestServer } from "../../support/server.ts";
import {
  call,
  deleteOwnOrganizations,
  mailTo,
  registerAccount,
  tokenFromMail,
} from "./identity-helpers.ts";

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer({ smtp: true });
});
afterAll(async () => {
  await server.close();
});

async function verifyLatest(address: string) {
  const mail = await server.smtp!.waitForMail(mailTo(address, "Verify your email address"));
  server.smtp!.mails.splice(server.smtp!.mails.indexOf(mail), 1);
  const r = await call(server, "POST", "/v1/auth/verify-email", { token: tokenFromMail(mail) });
  expect(r.status).toBe(200);
}

describe("profile", () => {
  test("rename (trimmed), accept_tos, unicode names", async () => {
    const a = await registerAccount(server);
    const r = await call(
      server,
      "PATCH",
      "/v1/users/me",
      { name: "  Zoë 🚀 日本  ", accept_tos: true },
      { bearer: a.session },
    );
    expect(r.status).toBe(200);
    expect(r.body.user.name).toBe("Zoë 🚀 日本");
    const blank = await call(
      server,
      "PATCH",
      "/v1/users/me",
      { name: "   " },
      { bearer: a.session },
    );
    expect(blank.status).toBe(400);
    expect(blank.body.code).toBe("INVALID_NAME");
    const control = await call(
      server,
      "PATCH",
      "/v1/users/me",
      { name: "a\u0000b" },
      { bearer: a.session },
    );
    expect(control.status).toBe(400);
    const long = await call(
      server,
      "PATCH",
      "/v1/users/me",
      { name: "é".repeat(51) },
      { bearer: a.session },
    );
    expect(long.status).toBe(400); // 102 bytes
    const empty = await call(server, "PATCH", "/v1/users/me", {}, { bearer: a.session });
    expect(empty.status).toBe(200);
    expect(empty.body.user.name).toBe("Zoë 🚀 日本");
  });
});

describe("email addresses", () => {
  test("add, verify, set primary, delete, resend", async () => {
    const a = await registerAccount(server, { email: "primary-a@example.com" });
    await verifyLatest("primary-a@example.com");
    const add = await call(
      server,
      "POST",
      "/v1/users/emails",
      { email: " Second-A@Example.com " },
      { bearer: a.session },
    );
    expect(add.status).toBe(201);
    expect(add.body.email).toMatchObject({
      email: "second-a@example.com",
      is_primary: false,
      is_verified: false,
    });
    const secondId = add.body.email.id;

    // Unverified cannot become primary; resend sends another mail.
    const early = await call(
      server,
      "PATCH",
      `/v1/users/emails/${secondId}`,
      { is_primary: true },
      { bearer: a.session },
    );
    expect(early.status).toBe(400);
    expect(early.body.code).toBe("EMAIL_NOT_VERIFIED");
    await server.smtp!.waitForMail(mailTo("second-a@example.com", "Verify your email address"));
    const resend = await call(
      server,
      "POST",
      `/v1/users/emails/${secondId}/resend-verification`,
      undefined,
      {
        bearer: a.session,
      },
    );
    expect(resend.status).toBe(200);
    const mails = () =>
      server.smtp!.mails.filter(mailTo("second-a@example.com", "Verify your email address"));
    await server.smtp!.waitForMail((m) => mails().length >= 2 && mails().includes(m));
    await verifyLatest("second-a@example.com");
    const again = await call(
      server,
      "POST",
      `/v1/users/emails/${secondId}/resend-verification`,
      undefined,
      {
        bearer: a.session,
      },
    );
    expect(again.body.code).toBe("EMAIL_ALREADY_VERIFIED");

    const unset = await call(
      server,
      "PATCH",
      `/v1/users/emails/${secondId}`,
      { is_primary: false },
      { bearer: a.session },
    );
    expect(unset.status).toBe(400);
    const primary = await call(
      server,
      "PATCH",
      `/v1/users/emails/${secondId}`,
      { is_primary: true },
      { bearer: a.session },
    );
    expect(primary.status).toBe(200);
    expect(primary.body.email.is_primary).toBe(true);
    const list = await call(server, "GET", "/v1/users/emails", undefined, { bearer: a.session });
    expect(
      list.body.emails.map((e: { email: string; is_primary: boolean }) => [e.email, e.is_primary]),
    ).toEqual([
      ["primary-a@example.com", false],
      ["second-a@example.com", true],
    ]);
    expect(list.body.pagination).toEqual({
      total: 2,
      count: 2,
      offset: 0,
      limit: 50,
      has_more: false,
    });

    // The primary cannot be deleted; the other one can, and becomes available again.
    const delPrimary = await call(server, "DELETE", `/v1/users/emails/${secondId}`, undefined, {
      bearer: a.session,
    });
    expect(delPrimary.body.code).toBe("PRIMARY_EMAIL_DELETE");
    const firstId = list.body.emails[0].id;
    expect(
      (
        await call(server, "DELETE", `/v1/users/emails/${firstId}`, undefined, {
          bearer: a.session,
        })
      ).status,
    ).toBe(204);
    const b = await registerAccount(server);
    const reuse = await call(
      server,
      "POST",
      "/v1/users/emails",
      { email: "primary-a@example.com" },
      { bearer: b.session },
    );
    expect(reuse.status).toBe(201);
  });

  test("duplicates are 409; other users' addresses are 404", async () => {
    const a = await registerAccount(server);
    const b = await registerAccount(server);
    // Only a verified address is taken (an unverified one reserves nothing: docs/adr/0010).
    await verifyLatest(b.email);
    const dup = await call(
      server,
      "POST",
      "/v1/users/emails",
      { email: b.email.toUpperCase() },
      { bearer: a.session },
    );
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("EMAIL_IN_USE");
    const bEmails = await call(server, "GET", "/v1/users/emails", undefined, { bearer: b.session });
    const bId = bEmails.body.emails[0].id;
    for (const [method, path, body] of [
      ["PATCH", `/v1/users/emails/${bId}`, { is_primary: true }],
      ["DELETE", `/v1/users/emails/${bId}`, undefined],
      ["POST", `/v1/users/emails/${bId}/resend-verification`, undefined],
    ] as const) {
      const r = await call(server, method, path, body, { bearer: a.session });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe("EMAIL_NOT_FOUND");
    }
    const last = await call(server, "DELETE", `/v1/users/emails/${bId}`, undefined, {
      bearer: b.session,
    });
    expect(last.status).toBe(400);
  });
});

describe("account deletion", () => {
  test("removes sessions and addresses; the address can register again", async () => {
    const a = await registerAccount(server, { email: "leaver@example.com" });
    await deleteOwnOrganizations(server, a); // the default organization
    const del = await call(server, "DELETE", "/v1/users/me", undefined, { bearer: a.session });
    expect(del.status).toBe(204);
    expect(del.headers.get("set-cookie")).toContain("Max-Age=0");
    expect(
      (await call(server, "GET", "/v1/users/me", undefined, { bearer: a.session })).status,
    ).toBe(401);
    const login = await call(server, "POST", "/v1/auth/login/password", {
      email: a.email,
      password: a.password,
    });
    expect(login.status).toBe(401);
    const again = await registerAccount(server, { email: "leaver@example.com" });
    expect(again.userId).not.toBe(a.userId);
  });

  test("is refused while the user is the last owner of an organization, naming it", async () => {
    const a = await registerAccount(server);
    await verifyLatest(a.email);
    const created = await call(
      server,
      "POST",
      "/v1/organizations",
      { name: "Acme <Corp>" },
      { bearer: a.session },
    );
    expect(created.status).toBe(201);
    const orgId = created.body.organization.id;
    const mine = await call(server, "GET", "/v1/organizations", undefined, { bearer: a.session });
    const defaultOrg = (mine.body.organizations as { id: string; name: string }[]).find(
      (o) => o.id !== orgId,
    )!;
    const refused = await call(server, "DELETE", "/v1/users/me", undefined, { bearer: a.session });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("USER_IS_LAST_OWNER");
    expect(refused.body.error).toContain("'Acme <Corp>'");
    expect(refused.body.error).toContain(`'${defaultOrg.name}'`);
    expect(refused.body.details).toContainEqual({
      field: "organization",
      message: `${orgId}: Acme <Corp>`,
    });
    expect(refused.body.details).toContainEqual({
      field: "organization",
      message: `${defaultOrg.id}: ${defaultOrg.name}`,
    });
    // Still there, still signed in.
    expect(
      (await call(server, "GET", "/v1/users/me", undefined, { bearer: a.session })).status,
    ).toBe(200);
    expect(
      (await call(server, "DELETE", `/v1/organizations/${orgId}`, undefined, { bearer: a.session }))
        .status,
    ).toBe(204);
    // The default organization alone still holds the deletion back, named.
    const still = await call(server, "DELETE", "/v1/users/me", undefined, { bearer: a.session });
    expect(still.status).toBe(400);
    expect(still.body.details).toEqual([
      { field: "organization", message: `${defaultOrg.id}: ${defaultOrg.name}` },
    ]);
    await deleteOwnOrganizations(server, a);
    expect(
      (await call(server, "DELETE", "/v1/users/me", undefined, { bearer: a.session })).status,
    ).toBe(204);
    const orgs = await registerAccount(server, { email: a.email });
    expect(orgs.userId).not.toBe(a.userId);
  });
});
