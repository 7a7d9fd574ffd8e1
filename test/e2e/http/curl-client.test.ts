/**
 * HTTP/1.1 behaviour checked by curl (a client we did not write): keep-alive (two requests on one
 * connection: curl reports "Re-using existing connection"), `Expect: 100-continue` and a chunked
 * request body on a write route (POST /v1/auth/register). Skipped when /usr/bin/curl is absent.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { createTestServer, type TestServer } from "../../support/server.ts";

const CURL = "/usr/bin/curl";
const skip = existsSync(CURL) ? null : `${CURL} is absent`;
if (skip) console.log(`SKIP test/e2e/http/curl-client.test.ts: ${skip}`);

/** Runs curl without blocking the event loop (the server answers from this process). */
async function curl(args: string[], stdin?: string) {
  const child = Bun.spawn([CURL, "-sS", "--noproxy", "*", "--max-time", "10", ...args], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    stdin: stdin === undefined ? "ignore" : Buffer.from(stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { code, out, err };
}

describe.skipIf(skip !== null)(`curl as the client${skip ? ` (skipped: ${skip})` : ""}`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test("keep-alive: two requests on one connection", async () => {
    const r = await curl([
      "-v",
      "-o",
      "/dev/null",
      `${server.url}/livez`,
      "-o",
      "/dev/null",
      `${server.url}/livez`,
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("Re-using existing connection");
    expect(r.err.match(/< HTTP\/1\.1 200/g)?.length).toBe(2);
  });

  test("Expect: 100-continue and a chunked body on POST /v1/auth/register", async () => {
    const body = JSON.stringify({
      name: "Curl",
      email: `curl-${Date.now()}@example.com`,
      password: "correct horse battery staple",
    });
    const r = await curl(
      [
        "-v",
        "-H",
        "content-type: application/json",
        "-H",
        "Transfer-Encoding: chunked",
        "-H",
        "Expect: 100-continue",
        "--data-binary",
        "@-",
        "-w",
        "\n%{http_code}",
        `${server.url}/v1/auth/register`,
      ],
      body,
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain("> Transfer-Encoding: chunked");
    expect(r.err).toContain("> Expect: 100-continue");
    expect(r.err).toContain("< HTTP/1.1 100 Continue");
    const status = r.out.trim().split("\n").at(-1);
    expect(status).toBe("201");
    expect(JSON.parse(r.out.trim().split("\n").slice(0, -1).join("\n")).user_id).toBeString();
  });
});
