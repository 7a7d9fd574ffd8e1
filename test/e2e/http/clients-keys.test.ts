/**
 * Certificate private keys at rest (docs/clients.md#private-keys-at-rest): on a real SQLite file
 * the 32-byte seed answered by create appears nowhere in the database files, in no encoding; the
 * stored envelope opens to that seed under the configured secret; and after rotating the secret
 * (`auth.previous_key_encryption_secrets`) the node restarts on the same file, old envelopes still
 * open, new certificates are sealed under the new secret only.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSealer } from "../../../src/crypto/envelope.ts";
import { CertificateCodec } from "../../../src/domain/clients/codecs.ts";
import { ClientRanges } from "../../../src/domain/clients/keys.ts";
import type { Certificate } from "../../../src/domain/clients/types.ts";
import { CERTIFICATE_SEAL_PURPOSE } from "../../../src/services/clients/service.ts";
import { TEST_KEY_SECRET } from "../../support/server.ts";
import { call, createOrg, type OrgEnv, signUp, startOrgEnv, type User } from "./org-harness.ts";

const NEW_SECRET = "the-rotated-key-encryption-secret-of-32+-bytes";

let dir: string;
let dbPath: string;
let env: OrgEnv | undefined;
let owner: User;
let orgId: string;
let clientId: string;

async function storedCertificate(e: OrgEnv, certId: string): Promise<Certificate> {
  const raw = await e.server.node.kv.transact(async (tx) =>
    tx.get(ClientRanges.certificate(orgId, clientId, certId)),
  );
  if (!raw) throw new Error("certificate record missing");
  return CertificateCodec.decode(raw);
}

async function createCert(e: OrgEnv, name: string) {
  const r = await call(e, "POST", `/v1/organizations/${orgId}/clients/${clientId}/certificates`, {
    token: owner.token,
    body: { name },
  });
  expect(r.status).toBe(201);
  return { id: (r.body.certificate as { id: string }).id, seed: r.body.private_key as string };
}

/** Every file of the database (main file, WAL, shared memory) as bytes. */
function databaseBytes(): Buffer[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]
    .filter((p) => existsSync(p))
    .map((p) => readFileSync(p));
}

function expectAbsent(seedB64: string) {
  const seed = Buffer.from(seedB64, "base64");
  expect(seed.length).toBe(32);
  const needles = [
    seed,
    Buffer.from(seedB64),
    Buffer.from(seed.toString("base64url")),
    Buffer.from(seed.toString("hex")),
  ];
  const files = databaseBytes();
  expect(files.length).toBeGreaterThan(0);
  expect(files.reduce((n, f) => n + f.length, 0)).toBeGreaterThan(0);
  for (const file of files) {
    for (const needle of needles) expect(file.indexOf(needle)).toBe(-1);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "clients-keys-"));
  dbPath = join(dir, "mgmt.sqlite");
  env = await startOrgEnv({ sqlite: dbPath });
  owner = await signUp(env, "Keys owner");
  orgId = await createOrg(env, owner, "Keys");
  const c = await call(env, "POST", `/v1/organizations/${orgId}/clients`, {
    token: owner.token,
    body: { name: "sealed" },
  });
  expect(c.status).toBe(201);
  clientId = (c.body.client as { id: string }).id;
});

afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("private keys at rest", () => {
  let first: { id: string; seed: string };

  test("the seed is nowhere in the SQLite files; its envelope opens to it", async () => {
    const e = env!;
    first = await createCert(e, "first");
    // The needle search is real: the public key, stored in clear, is found.
    const stored = await storedCertificate(e, first.id);
    expect(databaseBytes().some((f) => f.indexOf(Buffer.from(stored.public_key)) !== -1)).toBe(
      true,
    );
    expectAbsent(first.seed);
    expect(stored.sealed_private_key.startsWith("v1.")).toBe(true);
    const box = createSealer(TEST_KEY_SECRET, CERTIFICATE_SEAL_PURPOSE);
    expect(box.open(stored.sealed_private_key)).toBe(first.seed);
  });

  test("after rotating the secret, old envelopes open and new ones use the new secret", async () => {
    await env!.close();
    env = undefined;
    expectAbsent(first.seed);
    env = await startOrgEnv({
      sqlite: dbPath,
      config: {
        auth: {
          key_encryption_secret: NEW_SECRET,
          previous_key_encryption_secrets: [TEST_KEY_SECRET],
        },
      },
    });
    expect(env.server.config.auth.previous_key_encryption_secrets).toEqual([TEST_KEY_SECRET]);
    const rotated = createSealer(NEW_SECRET, CERTIFICATE_SEAL_PURPOSE, [TEST_KEY_SECRET]);
    const old = await storedCertificate(env, first.id);
    expect(rotated.open(old.sealed_private_key)).toBe(first.seed);
    // Without the previous secret listed, the old envelope no longer opens.
    expect(() =>
      createSealer(NEW_SECRET, CERTIFICATE_SEAL_PURPOSE).open(old.sealed_private_key),
    ).toThrow();

    const second = await createCert(env, "second");
    const fresh = await storedCertificate(env, second.id);
    expect(createSealer(NEW_SECRET, CERTIFICATE_SEAL_PURPOSE).open(fresh.sealed_private_key)).toBe(
      second.seed,
    );
    expect(() =>
      createSealer(TEST_KEY_SECRET, CERTIFICATE_SEAL_PURPOSE).open(fresh.sealed_private_key),
    ).toThrow();
    expectAbsent(second.seed);
  });
});
