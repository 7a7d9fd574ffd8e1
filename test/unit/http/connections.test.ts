/**
 * The connection watch behind `server.max_connections` (src/http/connections.ts): the count is the
 * process's descriptors above the baseline taken at start; above the cap `over` is true (answers
 * then close their connection), under it false again, each change logged once; 0 disables it.
 */
import { expect, test } from "bun:test";
import { openDescriptors, watchConnections } from "../../../src/http/connections.ts";
import { createLogger } from "../../../src/lib/log.ts";

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: "info", json: true, write: (l) => lines.push(l) }) };
}

test("over the cap after the baseline, back under below 90 % of it, each change logged once", async () => {
  let fds = 40;
  const { lines, log } = recordingLog();
  const watch = watchConnections({ max: 10, intervalMs: 5, log, count: () => fds });
  try {
    expect(watch.open).toBe(0);
    expect(watch.over).toBe(false);
    fds = 50; // ten sockets: at the cap, not above it
    await Bun.sleep(30);
    expect(watch.open).toBe(10);
    expect(watch.over).toBe(false);
    fds = 51;
    await Bun.sleep(30);
    expect(watch.over).toBe(true);
    fds = 50; // back at the cap: still over until below 90 % of it (no flapping)
    await Bun.sleep(30);
    expect(watch.over).toBe(true);
    fds = 45;
    await Bun.sleep(30);
    expect(watch.over).toBe(false);
    expect(watch.open).toBe(5);
    const changes = lines
      .map((l) => JSON.parse(l).msg)
      .filter((m: string) => m.includes("max_connections"));
    expect(changes).toEqual([
      "open connections above server.max_connections: keep-alive is off",
      "open connections back under server.max_connections",
    ]);
  } finally {
    watch.stop();
  }
});

test("a cap of 0 or an unknown count never trips", async () => {
  const { log } = recordingLog();
  const off = watchConnections({ max: 0, intervalMs: 5, log, count: () => 1_000_000 });
  const unknown = watchConnections({ max: 1, intervalMs: 5, log, count: () => null });
  await Bun.sleep(20);
  expect(off.over).toBe(false);
  expect(unknown.over).toBe(false);
  expect(unknown.open).toBeNull();
  off.stop();
  unknown.stop();
});

test.skipIf(openDescriptors() === null)(
  `the real count sees this process's descriptors${openDescriptors() === null ? " (skipped: /proc/self/fd is not readable here)" : ""}`,
  () => {
    const n = openDescriptors();
    expect(n).toBeGreaterThan(2);
  },
);
