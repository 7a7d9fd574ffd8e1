/**
 * Organization findings of issue 9, end to end: reading one team member (item 4), malformed
 * invitation tokens (5), the pending-invitation cap and the invitation mail rate limits (6),
 * leaving a suspended organization (14), account deletion racing an acceptance and an ADMIN
 * withdrawing an OWNER invitation (18).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  addMember,
  call,
  createOrg,
  expectA3,
  invitationMail,
  type OrgEnv,
  signUp,
  startOrgEnv,
  tokenIn,
  type User,
} from "./org-harness.ts";

let env: OrgEnv;
let owner: User;

beforeAll(async () => {
  env = await startOrgEnv();
  owner = await signUp(env, "Owner");
});
afterAll(() => env.close());

async function invite(e: OrgEnv, orgId: string, by: User, email: string, role = "MEMBER") {
  return call(e, "POST", `/v1/organizations/${orgId}/invitations`, {
    token: by.token,
    body: { email, role },
  });
}

const invitationId = (r: { body: Record<string, unknown> }) =>
  (r.body.invitation as { id: string }).id;

describe("GET …/teams/{team}/members/{member} (item 4)", () => {
  test("any member reads one team member; unknown ids 404, outsiders 404", async () => {
    const orgId = await createOrg(env, owner, "Readers");
    const member = await signUp(env, "Reader");
    await addMember(env, orgId, owner, member);
    const team = await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
      token: owner.token,
      body: { name: "Core" },
    });
    const teamId = (team.body.team as { id: string }).id;
    const added = await call(env, "POST", `/v1/organizations/${orgId}/teams/${teamId}/members`, {
      token: owner.token,
      body: { user_id: owner.id, manager: true },
    });
    expect(added.status).toBe(201);
    const tm = added.body.member as { id: string };
    const path = `/v1/organizations/${orgId}/teams/${teamId}/members/${tm.id}`;
    const got = await call(env, "GET", path, { token: member.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ member: added.body.member });
    expectA3(
      await call(env, "GET", `/v1/organizations/${orgId}/teams/${teamId}/members/424242`, {
        token: member.token,
      }),
      404,
      "TEAM_MEMBER_NOT_FOUND",
    );
    const outsider = await signUp(env, "Outsider");
    expectA3(await call(env, "GET", path, { token: outsider.token }), 404, "ORG_NOT_FOUND");
    expectA3(await call(env, "GET", path), 401);
  });
});

describe("accepting with a malformed token (item 5)", () => {
  test("an empty or malformed token is 422 naming `token`, a forged one 404", async () => {
    const user = await signUp(env, "Acceptor");
    for (const token of ["", "not-a-token", "12.short"]) {
      const r = await call(env, "POST", "/v1/organizations/invitations/accept", {
        token: user.token,
        body: { token },
      });
      expectA3(r, 422, "VALIDATION_FAILED");
      expect(r.body.details).toEqual([{ field: "token", message: expect.any(String) }]);
    }
    expectA3(
      await call(env, "POST", "/v1/organizations/invitations/accept", {
        token: user.token,
        body: { token: `123.${"x".repeat(43)}` },
      }),
      404,
      "INVITATION_INVALID",
    );
  });
});

describe("pending invitations are capped (item 6)", () => {
  test("a DEV organization holds 10 pending invitations; the 11th is 402 INVITATION_LIMIT", async () => {
    const orgId = await createOrg(env, owner, "Inviter");
    for (let i = 0; i < 10; i++) {
      expect((await invite(env, orgId, owner, `cap${i}-${orgId}@example.com`)).status).toBe(201);
    }
    const over = await invite(env, orgId, owner, `cap-over-${orgId}@example.com`);
    expectA3(over, 402, "INVITATION_LIMIT");
    // Withdrawing one frees a place.
    const list = await call(env, "GET", `/v1/organizations/${orgId}/invitations?limit=100`, {
      token: owner.token,
    });
    const first = (list.body.invitations as { id: string }[])[0]!;
    const del = await call(env, "DELETE", `/v1/organizations/${orgId}/invitations/${first.id}`, {
      token: owner.token,
    });
    expect(del.status).toBe(204);
    expect((await invite(env, orgId, owner, `cap-over-${orgId}@example.com`)).status).toBe(201);
  });
});

describe("invitation mail is rate-limited (item 6)", () => {
  let limited: OrgEnv;
  let boss: User;
  beforeAll(async () => {
    limited = await startOrgEnv({
      config: {
        rate_limiting: {
          enabled: true,
          registrations_per_ip_per_day: 1000,
          email_verification_tokens_per_hour: 1000,
          invitations_per_org_per_hour: 4,
          invitations_per_address_per_day: 2,
        },
      },
    });
    boss = await signUp(limited, "Boss");
  });
  afterAll(() => limited.close());

  test("one organization mails one address at most 2 times a day; all together at most 8", async () => {
    const cycle = async (orgId: string, email: string) => {
      const r = await invite(limited, orgId, boss, email);
      if (r.status === 201) {
        const path = `/v1/organizations/${orgId}/invitations/${invitationId(r)}`;
        expect((await call(limited, "DELETE", path, { token: boss.token })).status).toBe(204);
      }
      return r;
    };
    const orgId = await createOrg(limited, boss, "Cycler");
    const victim = `victim-${orgId}@example.com`;
    for (let i = 0; i < 2; i++) expect((await cycle(orgId, victim)).status).toBe(201);
    const third = await invite(limited, orgId, boss, victim);
    expectA3(third, 429, "INVITATION_RATE_LIMITED");
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another organization still reaches the address: one organization's spending cannot keep a
    // genuine invitation from it. Across all organizations the address gets at most 4 x 2.
    let sent = 2;
    for (const name of ["Elsewhere", "Third", "Fourth"]) {
      const other = await createOrg(limited, boss, name);
      for (let i = 0; i < 2; i++) {
        expect((await cycle(other, victim)).status).toBe(201);
        sent++;
      }
    }
    expect(sent).toBe(8);
    const fifth = await createOrg(limited, boss, "Fifth");
    expectA3(await invite(limited, fifth, boss, victim), 429, "INVITATION_RATE_LIMITED");
    await limited.smtp.waitForMail((m) => m.to.includes(victim));
    await Bun.sleep(300); // let any further (wrongly sent) mail arrive
    expect(limited.smtp.mails.filter((m) => m.to.includes(victim))).toHaveLength(8);
  });

  test("one organization sends at most 4 invitation mails an hour", async () => {
    const orgId = await createOrg(limited, boss, "Spammer");
    for (let i = 0; i < 4; i++) {
      expect((await invite(limited, orgId, boss, `r${i}-${orgId}@example.com`)).status).toBe(201);
    }
    const over = await invite(limited, orgId, boss, `r4-${orgId}@example.com`);
    expectA3(over, 429, "INVITATION_RATE_LIMITED");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // Refused attempts spend nothing: a refused duplicate does not count either.
    const list = await call(limited, "GET", `/v1/organizations/${orgId}/invitations`, {
      token: boss.token,
    });
    expect((list.body.invitations as unknown[]).length).toBe(4);
  });
});

describe("leaving a suspended organization (item 14)", () => {
  test("a member leaves while it is suspended; other writes stay refused", async () => {
    const orgId = await createOrg(env, owner, "Frozen");
    const member = await signUp(env, "Leaver");
    await addMember(env, orgId, owner, member);
    expect(
      (await call(env, "POST", `/v1/organizations/${orgId}/suspend`, { token: owner.token }))
        .status,
    ).toBe(200);
    expectA3(
      await call(env, "POST", `/v1/organizations/${orgId}/teams`, {
        token: owner.token,
        body: { name: "No" },
      }),
      403,
      "ORG_SUSPENDED",
    );
    const left = await call(env, "DELETE", `/v1/organizations/${orgId}/members/me`, {
      token: member.token,
    });
    expect(left.status).toBe(204);
    expectA3(await call(env, "GET", `/v1/organizations/${orgId}`, { token: member.token }), 404);
    const mine = await call(env, "GET", "/v1/organizations", { token: member.token });
    expect((mine.body.organizations as { id: string }[]).map((o) => o.id)).not.toContain(orgId);
  });
});

describe("account deletion racing an acceptance (item 18)", () => {
  /** A user free to delete their account: the organizations they own (a default one) deleted. */
  async function deletableUser() {
    const user = await signUp(env, "Leaving");
    const mine = await call(env, "GET", "/v1/organizations", { token: user.token });
    for (const o of mine.body.organizations as { id: string }[]) {
      const d = await call(env, "DELETE", `/v1/organizations/${o.id}`, { token: user.token });
      expect(d.status).toBe(204);
    }
    return user;
  }

  async function invited(orgName: string) {
    const orgId = await createOrg(env, owner, orgName);
    const user = await deletableUser();
    const r = await invite(env, orgId, owner, user.email);
    expect(r.status).toBe(201);
    const token = tokenIn(await invitationMail(env, user.email, invitationId(r)));
    return { orgId, user, token };
  }

  async function memberIds(orgId: string) {
    const r = await call(env, "GET", `/v1/organizations/${orgId}/members?limit=100`, {
      token: owner.token,
    });
    return (r.body.members as { user_id: string }[]).map((m) => m.user_id);
  }

  test("an acceptance between the membership purge and the account's removal is refused", async () => {
    const { orgId, user, token } = await invited("Race A");
    // Account deletion, first step: every membership is purged (the account still exists).
    await env.server.node.services.organizations.removeUserEverywhere(user.id);
    // The acceptance lands now, before the account transaction.
    const r = await call(env, "POST", "/v1/organizations/invitations/accept", {
      token: user.token,
      body: { token },
    });
    expectA3(r, 409, "ACCOUNT_BEING_DELETED");
    expect(await memberIds(orgId)).not.toContain(user.id);
  });

  test("an organization created between the purge and the account's removal is refused", async () => {
    const user = await deletableUser();
    await env.server.node.services.organizations.removeUserEverywhere(user.id);
    // Another session of the same user creates an organization before the account transaction.
    const r = await call(env, "POST", "/v1/organizations", {
      token: user.token,
      body: { name: "Orphan" },
    });
    expectA3(r, 409, "ACCOUNT_BEING_DELETED");
    const mine = await call(env, "GET", "/v1/organizations", { token: user.token });
    expect(mine.body.pagination).toMatchObject({ total: 0 });
  });
});

describe("withdrawing an OWNER invitation (item 18)", () => {
  test("an ADMIN cannot withdraw an OWNER invitation; an OWNER can", async () => {
    const orgId = await createOrg(env, owner, "Owners");
    const admin = await signUp(env, "Admin");
    await addMember(env, orgId, owner, admin, "ADMIN");
    const r = await invite(env, orgId, owner, `heir-${orgId}@example.com`, "OWNER");
    expect(r.status).toBe(201);
    const path = `/v1/organizations/${orgId}/invitations/${invitationId(r)}`;
    expectA3(await call(env, "DELETE", path, { token: admin.token }), 403, "ORG_FORBIDDEN");
    expect((await call(env, "DELETE", path, { token: owner.token })).status).toBe(204);
    const own = await invite(env, orgId, admin, `helper-${orgId}@example.com`, "ADMIN");
    const ownPath = `/v1/organizations/${orgId}/invitations/${invitationId(own)}`;
    expect((await call(env, "DELETE", ownPath, { token: admin.token })).status).toBe(204);
  });
});
