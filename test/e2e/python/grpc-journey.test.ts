/**
 * Our gRPC API driven by a client we did not write: `/usr/bin/python3` with Debian's
 * python3-grpcio (the C-core gRPC implementation) and python3-protobuf, running
 * ./grpc_journey.py, which has no generated stubs: it discovers the messages through server
 * reflection. The journey: register, verify the address (this test reads the mail and hands the
 * token over stdin), sign in, create an organization, a team and a vault, get a vault token, a
 * refused call with its stable code, and the standard health service. Afterwards Prometheus's own
 * `promtool check metrics` (Debian's prometheus package) accepts our `/metrics`.
 *
 * Skipped, with the reason printed, only when python3 / grpc / google.protobuf or promtool are
 * absent (.ci/run installs them where apt-get is available).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createTestServer, type TestServer } from "../../support/server.ts";
import { tokenIn } from "../grpc/grpc-harness.ts";

const PYTHON = "/usr/bin/python3";
const PROMTOOL = "/usr/bin/promtool";
const SCRIPT = join(import.meta.dir, "grpc_journey.py");
const CLEAN_ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", PYTHONDONTWRITEBYTECODE: "1" };

function missingPython(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is absent`;
  const probe = Bun.spawnSync([PYTHON, "-c", "import grpc, google.protobuf"], {
    env: CLEAN_ENV,
    stdout: "ignore",
    stderr: "pipe",
  });
  if (probe.exitCode !== 0) {
    return `${PYTHON} lacks grpc / google.protobuf (apt-get install python3-grpcio python3-protobuf): ${probe.stderr.toString().trim().split("\n").at(-1)}`;
  }
  return null;
}

const skipPython = missingPython();
if (skipPython) console.log(`SKIP test/e2e/python/grpc-journey.test.ts (journey): ${skipPython}`);
const skipPromtool = skipPython
  ? "needs the Python journey first"
  : existsSync(PROMTOOL)
    ? null
    : `${PROMTOOL} is absent (apt-get install prometheus)`;
if (skipPromtool)
  console.log(`SKIP test/e2e/python/grpc-journey.test.ts (promtool): ${skipPromtool}`);

interface JourneyResult {
  grpcio: string;
  services: string[];
  user_id: string;
  me: { id: string; name: string };
  organization: { id: string; name: string; role: string };
  team: { id: string; name: string };
  vault: { id: string; organization_id: string; name: string };
  vault_token: { token_type: string; expires_in: number; jwt_parts: number };
  refused: { code: string; x_error_code: string };
  health: { status: string };
  health_ours: { status: string };
  health_unknown: string;
}

describe.skipIf(skipPython !== null)(
  `gRPC journey by python3-grpcio (C-core)${skipPython ? ` (skipped: ${skipPython})` : ""}`,
  () => {
    let server: TestServer;
    let journey: JourneyResult | undefined;

    beforeAll(async () => {
      server = await createTestServer({ smtp: true });
    });
    afterAll(async () => {
      await server?.close();
    });

    test("register, sign in, organization, team, vault, token, health (via reflection)", async () => {
      const email = `python-${Date.now()}@example.com`;
      const started = performance.now();
      const child = Bun.spawn([PYTHON, SCRIPT], {
        env: CLEAN_ENV,
        stdin: "pipe",
        stdout: "pipe",
        stderr: "pipe",
      });
      const timer = setTimeout(() => child.kill(), 30_000);
      child.stdin.write(
        `${JSON.stringify({ target: server.grpcAddress, email, password: "correct horse battery staple" })}\n`,
      );
      await child.stdin.flush();
      const stderr = new Response(child.stderr).text();
      const lines: Record<string, unknown>[] = [];
      const decoder = new TextDecoder();
      let buffered = "";
      for await (const chunk of child.stdout) {
        buffered += decoder.decode(chunk, { stream: true });
        let nl = buffered.indexOf("\n");
        while (nl >= 0) {
          const line = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
          buffered = buffered.slice(nl + 1);
          lines.push(line);
          if (line.event === "registered") {
            const smtp = server.smtp;
            if (!smtp) throw new Error("no SMTP sink");
            const mail = await smtp.waitForMail(
              (m) => m.to.includes(email) && /verify/i.test(m.subject),
            );
            child.stdin.write(`${JSON.stringify({ verify_token: tokenIn(mail) })}\n`);
            await child.stdin.end();
          }
          nl = buffered.indexOf("\n");
        }
      }
      const code = await child.exited;
      clearTimeout(timer);
      if (code !== 0) throw new Error(`grpc_journey.py exited with ${code}:\n${await stderr}`);
      const last = lines.at(-1) as { done: boolean; results: JourneyResult };
      expect(last.done).toBe(true);
      journey = last.results;
      console.log(
        `grpc_journey.py (grpcio ${journey.grpcio}): ${(performance.now() - started).toFixed(0)} ms`,
      );

      expect(journey.services).toEqual(
        expect.arrayContaining([
          "grpc.health.v1.Health",
          "inferadb.management.v1.AuthService",
          "inferadb.management.v1.OrganizationService",
          "inferadb.management.v1.TeamService",
          "inferadb.management.v1.VaultService",
          "inferadb.management.v1.TokenService",
        ]),
      );
      expect(journey.me.id).toBe(journey.user_id);
      expect(journey.organization).toMatchObject({ name: "Python org", role: "OWNER" });
      expect(journey.team.name).toBe("Py team");
      expect(journey.vault).toMatchObject({
        organization_id: journey.organization.id,
        name: "py-vault",
      });
      expect(journey.vault_token).toMatchObject({ token_type: "Bearer", jwt_parts: 3 });
      expect(journey.vault_token.expires_in).toBeGreaterThan(0);
      expect(journey.refused).toEqual({ code: "INVALID_ARGUMENT", x_error_code: "INVALID_ID" });
      expect(journey.health).toEqual({ status: "SERVING" });
      expect(journey.health_ours).toEqual({ status: "SERVING" });
      expect(journey.health_unknown).toBe("NOT_FOUND");
    }, 40_000);

    test.skipIf(skipPromtool !== null)(
      `promtool check metrics accepts /metrics after it${skipPromtool ? ` (skipped: ${skipPromtool})` : ""}`,
      async () => {
        if (!journey) throw new Error("the journey did not run");
        const res = await server.fetch("/metrics");
        expect(res.status).toBe(200);
        const text = await res.text();
        const child = Bun.spawn([PROMTOOL, "check", "metrics"], {
          env: CLEAN_ENV,
          stdin: "pipe",
          stdout: "pipe",
          stderr: "pipe",
        });
        child.stdin.write(text);
        await child.stdin.end();
        const [out, err, code] = await Promise.all([
          new Response(child.stdout).text(),
          new Response(child.stderr).text(),
          child.exited,
        ]);
        // promtool exits 1 on errors and 3 on lint problems (naming, missing HELP): both fail here.
        if (code !== 0)
          throw new Error(`promtool check metrics exited with ${code}:\n${out}${err}`);
      },
    );
  },
);
