/**
 * Password-reset requests answer alike in time for a known and an unknown address (A6,
 * docs/identity.md#flows): the lookup and the writes for a known address run after the answer.
 * Statistical: medians of a few hundred requests each, sent interleaved (so machine noise falls on
 * both series alike) against a SQLite node, each measured once the previous one's work after its
 * answer has finished; the medians are compared with each other, not with a fixed time. Before the
 * fix a known address took about twice as long as an unknown one (0.64 ms against 0.33 ms).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { listUserEmails, putEmailWrites } from "../../../src/domain/emails/records.ts";
import { applyMutations } from "../../../src/kv/types.ts";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { registerAccount } from "./identity-helpers.ts";

let server: TestServer;

beforeAll(async () => {
  // Mail goes to the (silent) console transport: an SMTP round trip per mail would only slow
  // the test down, the reply never waits for it.
  server = await createTestServer({ sqlite: true });
});
afterAll(() => server.close());

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeRequest(email: string): Promise<number> {
  const t0 = performance.now();
  const r = await server.fetch("/v1/auth/password-reset/request", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  await r.arrayBuffer();
  const ms = performance.now() - t0;
  expect(r.status).toBe(200);
  // The work a known address causes after the answer must not fall on the next measurement.
  await server.node.services.auth.settled?.();
  await server.node.mail.delivery.drain();
  return ms;
}

test("known and unknown addresses take the same time to answer", async () => {
  const known = await registerAccount(server, { email: `timing-${Date.now()}@example.com` });
  // Verified (reset mail goes out) without a mailbox: set in the store directly.
  await server.node.kv.transact(
    async (tx) => {
      for (const e of await listUserEmails(tx, known.userId)) {
        applyMutations(tx, putEmailWrites({ ...e, verified_at: Date.now() }));
      }
    },
    { name: "test.verify" },
  );

  const rounds = 300;
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  // Warm-up: JIT, connection pool, SQLite page cache.
  for (let i = 0; i < 30; i++) {
    await timeRequest(known.email);
    await timeRequest(`nobody-${i}@example.com`);
  }
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first so neither series always follows the other's background work.
    if (i % 2 === 0) {
      knownMs.push(await timeRequest(known.email));
      unknownMs.push(await timeRequest(`nobody-${i}@example.com`));
    } else {
      unknownMs.push(await timeRequest(`nobody-${i}@example.com`));
      knownMs.push(await timeRequest(known.email));
    }
  }
  const k = median(knownMs);
  const u = median(unknownMs);
  // Generous: within noise the two medians are a few percent apart; a reply that waited for the
  // writes of a known address was about 2x.
  const ratio = Math.max(k, u) / Math.min(k, u);
  console.log(`reset request medians: known ${k.toFixed(3)} ms, unknown ${u.toFixed(3)} ms`);
  expect(ratio).toBeLessThan(1.2);
  await server.node.mail.delivery.drain();
}, 60_000);
