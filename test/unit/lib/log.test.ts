/** The structured logger: JSON line shape, levels, child fields, error serialisation. */
import { describe, expect, test } from "bun:test";
import { createLogger, type LogLevel } from "../../../src/lib/log.ts";

function capture(level: LogLevel = "debug", json = true) {
  const lines: { line: string; level: LogLevel }[] = [];
  const log = createLogger({
    level,
    json,
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5, 678),
    write: (line, lvl) => lines.push({ line, level: lvl }),
  });
  return { log, lines };
}

describe("logger", () => {
  test("JSON lines have time, level, msg and fields", () => {
    const { log, lines } = capture();
    log.info("node started", { node_id: "n1", port: 3000 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]?.line ?? "")).toEqual({
      time: "2026-01-02T03:04:05.678Z",
      level: "info",
      msg: "node started",
      node_id: "n1",
      port: 3000,
    });
  });

  test("child loggers add their fields; call fields win", () => {
    const { log, lines } = capture();
    log.child({ subsystem: "kv", a: 1 }).warn("slow", { a: 2 });
    expect(JSON.parse(lines[0]?.line ?? "")).toMatchObject({
      subsystem: "kv",
      a: 2,
      level: "warn",
    });
    expect(lines[0]?.level).toBe("warn");
  });

  test("below-threshold levels are dropped", () => {
    const { log, lines } = capture("warn");
    log.debug("x");
    log.info("y");
    log.error("z");
    expect(lines.map((l) => JSON.parse(l.line).msg)).toEqual(["z"]);
  });

  test("errors and bigints serialise", () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error("boom", { cause: new Error("root") }), { code: "E1" });
    log.error("failed", { err, big: 2n ** 70n });
    const parsed = JSON.parse(lines[0]?.line ?? "");
    expect(parsed.err).toMatchObject({
      name: "Error",
      message: "boom",
      code: "E1",
      cause: { message: "root" },
    });
    expect(parsed.big).toBe((2n ** 70n).toString());
  });

  test("pretty mode is one readable line", () => {
    const { log, lines } = capture("info", false);
    log.info("hello", { id: "7" });
    expect(lines[0]?.line).toBe("03:04:05.678 INFO  hello id=7");
  });
});
