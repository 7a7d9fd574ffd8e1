/**
 * Concurrency through the organization actor: 10 parallel acceptances (as many invitations as DEV
 * may hold pending) and 20 parallel team
 * creations near the tier limit never exceed it; concurrent mutual demotions never leave an
 * organization without an OWNER; parallel creations near the per-user limit (a count shared by
 * every organization actor, re-validated at commit) never exceed 10.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  call,
  createOrg,
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

const count = (rs: { status: number }[], status: number) =>
  rs.filter((r) => r.status === status).length;

describe("tier limits hold under concurrency", () => {
  test("10 invitations accepted in parallel fill the 5 seats of DEV and no more", async () => {
    const orgId = await createOrg(env, owner, "Crowded");
    // 10: the most pending invitations DEV allows (twice its member limit).
    const users = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signUp(env, `Joiner ${i}`)),
    );
    const tokens: string[] = [];
    for (const u of users) {
      const r = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
        token: owner.token,
        body: { email: u.email, role: "MEMBER" },
      });
      expect(r.status).toBe(201);
      tokens.push(
        tokenIn(
          await env.smtp.waitForMail((m) => m.to.includes(u.email) && /invited/i.test(m.subject)),
        ),
      );
    }
    const results = await Promise.all(
      users.map((u, i) =>
        call(env, "POST", "/v1/organizations/invitations/accept", {
          token: u.token,
          body: { token: tokens[i] },
        }),
      ),
    );
    expect(count(results, 200)).toBe(4);
    expect(count(results, 402)).toBe(6);
    expect(
      results.filter((r) => r.status === 402).every((r) => r.body.code === "MEMBER_LIMIT"),
    ).toBe(true);
    const members = await call(env, "GET", `/v1/organizations/${orgId}/members`, {
      token: owner.token,
    });
    expect((members.body.members as unknown[]).length).toBe(5);
  }, 60_000);

  test("20 parallel team creations make exactly the 3 teams of DEV", async () => {
    const orgId = await createOrg(env, owner, "Teamy");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(env, "POST", `/v1/organizations/${orgId}/teams`, {
          token: owner.token,
          body: { name: `t${i}` },
        }),
      ),
    );
    expect(count(results, 201)).toBe(3);
    expect(count(results, 402)).toBe(17);
    const teams = await call(env, "GET", `/v1/organizations/${orgId}/teams`, {
      token: owner.token,
    });
    expect(teams.body.pagination).toMatchObject({ total: 3 });
  });
});

describe("owners under concurrency", () => {
  test("two owners demoting each other at once always leave one OWNER", async () => {
    const other = await signUp(env, "CoOwner");
    const orgId = await createOrg(env, owner, "Duel");
    const inv = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
      token: owner.token,
      body: { email: other.email, role: "OWNER" },
    });
    expect(inv.status).toBe(201);
    const token = tokenIn(
      await env.smtp.waitForMail((m) => m.to.includes(other.email) && /invited/i.test(m.subject)),
    );
    expect(
      (
        await call(env, "POST", "/v1/organizations/invitations/accept", {
          token: other.token,
          body: { token },
        })
      ).status,
    ).toBe(200);
    const ids = async () => {
      const list = (
        await call(env, "GET", `/v1/organizations/${orgId}/members`, { token: owner.token })
      ).body.members as { id: string; user_id: string; role: string }[];
      return list;
    };
    for (let round = 0; round < 5; round++) {
      const list = await ids();
      const mOwner = list.find((m) => m.user_id === owner.id)!;
      const mOther = list.find((m) => m.user_id === other.id)!;
      const results = await Promise.all([
        call(env, "PATCH", `/v1/organizations/${orgId}/members/${mOther.id}`, {
          token: owner.token,
          body: { role: "ADMIN" },
        }),
        call(env, "PATCH", `/v1/organizations/${orgId}/members/${mOwner.id}`, {
          token: other.token,
          body: { role: "ADMIN" },
        }),
        call(env, "DELETE", `/v1/organizations/${orgId}/members/me`, { token: owner.token }),
      ]);
      const after = await ids();
      const owners = after.filter((m) => m.role === "OWNER");
      expect(owners.length).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r.status < 300).length).toBeLessThanOrEqual(2);
      // Restore two owners for the next round (whoever is still OWNER promotes the other back).
      const survivor = owners[0]!;
      const actor = survivor.user_id === owner.id ? owner : other;
      const otherUser = actor === owner ? other : owner;
      let peer = after.find((m) => m.user_id === otherUser.id);
      if (!peer) {
        const again = await call(env, "POST", `/v1/organizations/${orgId}/invitations`, {
          token: actor.token,
          body: { email: otherUser.email, role: "OWNER" },
        });
        expect(again.status).toBe(201);
        const t = tokenIn(
          await env.smtp.waitForMail(
            (m) =>
              m.to.includes(otherUser.email) &&
              m.text.includes(`${(again.body.invitation as { id: string }).id}.`),
          ),
        );
        expect(
          (
            await call(env, "POST", "/v1/organizations/invitations/accept", {
              token: otherUser.token,
              body: { token: t },
            })
          ).status,
        ).toBe(200);
        peer = (await ids()).find((m) => m.user_id === otherUser.id)!;
      }
      if (peer.role !== "OWNER") {
        const p = await call(env, "PATCH", `/v1/organizations/${orgId}/members/${peer.id}`, {
          token: actor.token,
          body: { role: "OWNER" },
        });
        expect(p.status).toBe(200);
      }
    }
  }, 60_000);
});

describe("the per-user organization limit under concurrency", () => {
  test("8 organizations, then 6 parallel creations: never more than 10", async () => {
    const u = await signUp(env, "Hoarder");
    // Its default organization (made at registration) and 7 more.
    for (let i = 0; i < 7; i++) await createOrg(env, u, `own ${i}`);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(env, "POST", "/v1/organizations", { token: u.token, body: { name: `race ${i}` } }),
      ),
    );
    // Losers of the race get 402 (or 503 when their turn lost the commit re-validation too often).
    const won = count(results, 201);
    expect(won).toBeGreaterThanOrEqual(1);
    expect(won).toBeLessThanOrEqual(2);
    expect(won + count(results, 402) + count(results, 503)).toBe(6);
    const mine = await call(env, "GET", "/v1/organizations?limit=100", { token: u.token });
    expect(mine.body.pagination).toMatchObject({ total: 8 + won });
  });
});
