/**
 * Node-to-node routing pieces: the HMAC verifier of the internal endpoint (forgery, staleness,
 * replay), the endpoint itself over a real socket, and the refusal to forward without
 * `cluster.secret` when several nodes are live.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createMemoryBackend } from "../../../src/kv/backends/memory.ts";
import { createKvStore } from "../../../src/kv/store.ts";
import { systemClock } from "../../../src/lib/clock.ts";
import { createLogger, silentLogger } from "../../../src/lib/log.ts";
import {
  AUTH_HEADERS,
  ForwardVerifier,
  MAX_SKEW_MS,
  signForward,
} from "../../../src/runtime/auth.ts";
import {
  FORWARD_PATH,
  forwardAsk,
  type InternalEndpoint,
  startInternalEndpoint,
} from "../../../src/runtime/internal-endpoint.ts";
import { codeOf, startTestNode, type TestNode } from "./support.ts";

let nonces = 0;
function signed(
  secret: string,
  body: string,
  ts: number,
  node = "n1",
  to = "n9",
  nonce = (nonces++).toString(16).padStart(32, "0"),
): Headers {
  return new Headers({
    [AUTH_HEADERS.node]: node,
    [AUTH_HEADERS.target]: to,
    [AUTH_HEADERS.timestamp]: String(ts),
    [AUTH_HEADERS.nonce]: nonce,
    [AUTH_HEADERS.signature]: signForward(secret, ts, nonce, node, to, body),
  });
}

describe("forward authentication", () => {
  const now = Date.UTC(2026, 0, 1);

  test("accepts a valid signature once and refuses replays", () => {
    const v = new ForwardVerifier("s3cret");
    const h = signed("s3cret", "{}", now);
    expect(v.verify(h, "{}", now, "n9")).toBe(true);
    expect(v.verify(h, "{}", now, "n9")).toBe(false);
  });

  test("two identical calls in the same millisecond are both accepted (their nonces differ)", () => {
    const v = new ForwardVerifier("s3cret");
    expect(v.verify(signed("s3cret", "{}", now), "{}", now, "n9")).toBe(true);
    expect(v.verify(signed("s3cret", "{}", now), "{}", now, "n9")).toBe(true);
  });

  test("a nonce that is missing, malformed or changed is refused", () => {
    const v = new ForwardVerifier("s3cret");
    const missing = signed("s3cret", "{}", now);
    missing.delete(AUTH_HEADERS.nonce);
    expect(v.verify(missing, "{}", now, "n9")).toBe(false);
    expect(v.verify(signed("s3cret", "{}", now, "n1", "n9", "xyz"), "{}", now, "n9")).toBe(false);
    const changed = signed("s3cret", "{}", now);
    changed.set(AUTH_HEADERS.nonce, "f".repeat(32));
    expect(v.verify(changed, "{}", now, "n9")).toBe(false);
  });

  test("a call captured on its way to one node is refused by every other node", () => {
    // Each node has its own replay cache: without the addressee under the MAC, a call to n9
    // replayed to n8 within the window would be accepted (and could run a turn a second time).
    const toN9 = signed("s3cret", "{}", now, "n1", "n9");
    expect(new ForwardVerifier("s3cret").verify(toN9, "{}", now, "n8")).toBe(false);
    const relabelled = signed("s3cret", "{}", now, "n1", "n9");
    relabelled.set(AUTH_HEADERS.target, "n8");
    expect(new ForwardVerifier("s3cret").verify(relabelled, "{}", now, "n8")).toBe(false);
    expect(new ForwardVerifier("s3cret").verify(toN9, "{}", now, "n9")).toBe(true);
  });

  test("refuses another secret, another body, another node id and stale timestamps", () => {
    const v = new ForwardVerifier("s3cret");
    expect(v.verify(signed("other", "{}", now), "{}", now, "n9")).toBe(false);
    expect(v.verify(signed("s3cret", "{}", now), '{"a":1}', now, "n9")).toBe(false);
    const h = signed("s3cret", "{}", now, "n1");
    h.set(AUTH_HEADERS.node, "n2");
    expect(v.verify(h, "{}", now, "n9")).toBe(false);
    expect(v.verify(signed("s3cret", "{}", now - MAX_SKEW_MS - 1), "{}", now, "n9")).toBe(false);
    expect(v.verify(new Headers(), "{}", now, "n9")).toBe(false);
  });
});

describe("internal endpoint", () => {
  let ep: InternalEndpoint | undefined;
  afterEach(async () => {
    await ep?.stop();
    ep = undefined;
  });

  test("answers signed calls and refuses everything else with 401", async () => {
    ep = startInternalEndpoint({
      hostname: "127.0.0.1",
      port: 0,
      secret: "k",
      clock: systemClock,
      log: silentLogger,
    });
    ep.setHandler(async (req) => ({ ok: true, reply: { echo: req.message.type } }), "x");
    const target = { nodeId: "x", address: `127.0.0.1:${ep.port}` };
    const req = { kind: "counter", id: "1", message: { type: "ping" }, remainingMs: 1000, hops: 1 };
    expect(await forwardAsk(target, req, { nodeId: "n1", secret: "k" }, systemClock, 2000)).toEqual(
      {
        ok: true,
        reply: { echo: "ping" },
      },
    );
    await expect(
      forwardAsk(target, req, { nodeId: "n1", secret: "wrong" }, systemClock, 2000),
    ).rejects.toThrow("401");
    // Signed for another node (e.g. a call to that node captured and replayed here).
    await expect(
      forwardAsk({ ...target, nodeId: "y" }, req, { nodeId: "n1", secret: "k" }, systemClock, 2000),
    ).rejects.toThrow("401");
    const raw = await fetch(`http://127.0.0.1:${ep.port}${FORWARD_PATH}`, {
      method: "POST",
      body: "{}",
    });
    expect(raw.status).toBe(401);
  });

  test("without cluster.secret every call is refused", async () => {
    ep = startInternalEndpoint({
      hostname: "127.0.0.1",
      port: 0,
      secret: undefined,
      clock: systemClock,
      log: silentLogger,
    });
    ep.setHandler(async () => ({ ok: true, reply: null }), "x");
    const target = { nodeId: "x", address: `127.0.0.1:${ep.port}` };
    const req = { kind: "counter", id: "1", message: { type: "get" }, remainingMs: 1000, hops: 1 };
    await expect(
      forwardAsk(target, req, { nodeId: "n1", secret: "" }, systemClock, 2000),
    ).rejects.toThrow("401");
  });
});

describe("routing without a secret", () => {
  const nodes: TestNode[] = [];
  afterEach(async () => {
    for (const n of nodes.splice(0)) await n.stop();
  });

  test("refuses to forward when several nodes are live, and says so loudly", async () => {
    const kv = createKvStore(createMemoryBackend(), { clock: systemClock });
    const lines: string[] = [];
    const log = createLogger({ level: "error", json: true, write: (l) => lines.push(l) });
    const a = await startTestNode({
      kv,
      clock: systemClock,
      workers: 0,
      nodeId: "a",
      secret: null,
    });
    nodes.push(a);
    const b = await startTestNode({
      kv,
      clock: systemClock,
      workers: 0,
      nodeId: "b",
      secret: null,
      log,
    });
    nodes.push(b);
    // Each node serves what it can claim; the first to claim an actor owns it.
    await a.runtime.client.ask("counter", "v1", { type: "increment" });
    for (let i = 0; i < 50 && b.cluster.liveNodes().length < 2; i++) await Bun.sleep(20);
    expect(b.cluster.liveNodes().length).toBe(2);
    expect(await codeOf(b.runtime.client.ask("counter", "v1", { type: "get" }))).toBe(
      "FORWARDING_DISABLED",
    );
    expect(lines.some((l) => l.includes("cluster.secret is unset"))).toBe(true);
  });
});
