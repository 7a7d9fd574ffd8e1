/**
 * Vault tokens verified by a client we did not write (docs/tokens.md): a real server on a real
 * socket, and `/usr/bin/python3` with PyJWT and cryptography (Debian's python3-jwt and
 * python3-cryptography) as a subprocess running ./verify_tokens.py. Python fetches the
 * organization's and the global JWKS over HTTP, verifies a user's and a client's token (EdDSA, kid
 * lookup, iss, aud, exp, string ids, `inferadb.*` scopes), builds its own RFC 7523 assertion from
 * the certificate's seed, exchanges it at `POST /v1/token` and verifies that token, and sees
 * `alg: none` and HS256 assertions refused (401 invalid_client). Input is JSON on stdin, the
 * result JSON on stdout; a failed Python check (non-zero exit) fails the test.
 *
 * Skipped only when /usr/bin/python3 or its jwt / cryptography modules are absent (.ci/run
 * installs them where apt-get is available).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  call,
  createOrg,
  type OrgEnv,
  signUp,
  startOrgEnv,
  type User,
} from "../http/org-harness.ts";
import {
  assertion,
  exchange,
  grantClient,
  newCertificate,
  newVault,
  type TestCert,
  tokenForm,
} from "../http/token-harness.ts";

const PYTHON = "/usr/bin/python3";
const SCRIPT = join(import.meta.dir, "verify_tokens.py");

/** Why the test cannot run here, or null. */
function missingPython(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is absent`;
  const probe = Bun.spawnSync([PYTHON, "-c", "import jwt, cryptography"], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    stdout: "ignore",
    stderr: "pipe",
  });
  if (probe.exitCode !== 0) {
    return `${PYTHON} lacks the jwt / cryptography modules (apt-get install python3-jwt python3-cryptography): ${probe.stderr.toString().trim().split("\n").at(-1)}`;
  }
  return null;
}

const skipReason = missingPython();
if (skipReason) console.log(`SKIP test/e2e/python/tokens.test.ts: ${skipReason}`);

interface Verified {
  kid: string;
  claims: Record<string, unknown>;
}

interface PythonResult {
  jwks_kids: string[];
  user: Verified;
  client: Verified;
  exchange: Verified & { expires_in: number };
  refused: Record<"none" | "HS256", { status: number; error: string; code: string }>;
  pyjwt: string;
}

/** Runs verify_tokens.py with `input` on stdin; its JSON result, or a thrown error with stderr. */
async function runPython(input: unknown): Promise<PythonResult> {
  const child = Bun.spawn([PYTHON, SCRIPT], {
    // A clean environment: no PYTHONPATH / PYTHONHOME of another interpreter (pyenv).
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", PYTHONDONTWRITEBYTECODE: "1" },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  child.stdin.write(JSON.stringify(input));
  await child.stdin.end();
  const timer = setTimeout(() => child.kill(), 30_000);
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`verify_tokens.py exited with ${code}:\n${err}${out}`);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "") as PythonResult;
}

describe.skipIf(skipReason !== null)(
  `vault tokens verified by Python (PyJWT)${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    let env: OrgEnv;
    let owner: User;
    let orgId: string;
    let vaultId: string;
    let cert: TestCert;

    beforeAll(async () => {
      env = await startOrgEnv();
      owner = await signUp(env, "Owner");
      orgId = await createOrg(env, owner, "Python org");
      vaultId = await newVault(env, owner, orgId);
      cert = await newCertificate(env, owner, orgId);
      await grantClient(env, owner, orgId, vaultId, cert.clientId, "WRITER");
    });

    afterAll(async () => {
      await env?.close();
    });

    test("user and client tokens, a Python-built assertion, alg none and HS256 refused", async () => {
      const user = await call(env, "POST", `/v1/organizations/${orgId}/vaults/${vaultId}/tokens`, {
        token: owner.token,
        body: { requested_role: "admin" },
      });
      expect(user.status).toBe(201);
      const client = await exchange(
        env,
        tokenForm(await assertion(cert), vaultId, { requested_role: "write" }),
      );
      expect(client.status).toBe(200);

      const started = performance.now();
      const r = await runPython({
        base: env.server.url,
        org_id: orgId,
        vault_id: vaultId,
        issuer: env.server.config.auth.jwt_issuer,
        audience: env.server.config.auth.jwt_audience,
        assertion_audience: "https://api.inferadb.com/token",
        user: { id: owner.id, token: user.body.access_token, role: "admin" },
        client: {
          id: cert.clientId,
          kid: cert.kid,
          seed: cert.seed,
          token: client.body.access_token,
          role: "write",
        },
      });
      console.log(
        `verify_tokens.py (PyJWT ${r.pyjwt}): ${(performance.now() - started).toFixed(0)} ms`,
      );

      expect(r.jwks_kids).toContain(cert.kid);
      for (const v of [r.user, r.client, r.exchange]) {
        expect(v.kid).toBe(cert.kid);
        expect(v.claims).toMatchObject({
          iss: "https://api.inferadb.com",
          aud: "https://api.inferadb.com/evaluate",
          org_id: orgId,
          vault_id: vaultId,
        });
      }
      expect(r.user.claims.sub).toBe(`user:${owner.id}`);
      expect(String(r.user.claims.scope).split(" ")).toEqual(
        expect.arrayContaining(["inferadb.check", "inferadb.write", "inferadb.admin"]),
      );
      expect(r.client.claims).toMatchObject({
        sub: `client:${cert.clientId}`,
        vault_role: "write",
      });
      expect(r.exchange.claims).toMatchObject({
        sub: `client:${cert.clientId}`,
        vault_role: "read",
      });
      expect(r.exchange.expires_in).toBe(300);
      expect(r.refused).toEqual({
        none: { status: 401, error: "invalid_client", code: "INVALID_CLIENT_ASSERTION" },
        HS256: { status: 401, error: "invalid_client", code: "INVALID_CLIENT_ASSERTION" },
      });
    });
  },
);
