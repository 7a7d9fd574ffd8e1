/**
 * Client and certificate use cases (docs/clients.md). Each call is one turn of the organization's
 * actor, where `can()` decides with the `client:*` actions. Creating a certificate generates its
 * Ed25519 key pair here, seals the 32-byte private seed (src/crypto/envelope.ts, purpose
 * `client-certificate`) and sends the actor only the public key and the sealed seed; the seed is
 * answered once, in this call's reply, and never again.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { Sealer } from "../../crypto/envelope.ts";
import type { PageRequest } from "../../domain/organizations/turn.ts";
import type { CallOptions, Principal } from "../context.ts";
import type { ServiceDeps } from "../deps.ts";
import { askOrg } from "../organizations/ask.ts";
import { runOrgCascades } from "../organizations/cascades.ts";
import type { CertificateCreateInput, ClientCreateInput, ClientUpdateInput } from "./inputs.ts";

/** The sealing purpose of certificate private keys (one derived key per purpose). */
export const CERTIFICATE_SEAL_PURPOSE = "client-certificate";

/** The raw 32-byte public key and private seed of a fresh Ed25519 key pair. */
export function generateEd25519(): { publicKey: Buffer; seed: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { publicKey: rawPublic(publicKey), seed: rawSeed(privateKey) };
}

function rawPublic(k: KeyObject): Buffer {
  const x = k.export({ format: "jwk" }).x;
  if (typeof x !== "string") throw new Error("Ed25519 public key without x");
  return Buffer.from(x, "base64url");
}

function rawSeed(k: KeyObject): Buffer {
  const d = k.export({ format: "jwk" }).d;
  if (typeof d !== "string") throw new Error("Ed25519 private key without d");
  return Buffer.from(d, "base64url");
}

export class ClientService {
  readonly #d: ServiceDeps;
  readonly #keys: Sealer;

  /** `keys` seals certificate private keys (current secret; opens under previous ones too). */
  constructor(deps: ServiceDeps, keys: Sealer) {
    this.#d = deps;
    this.#keys = keys;
  }

  create(p: Principal, orgId: string, input: ClientCreateInput, opts: CallOptions) {
    const { name, description = null } = input;
    const clientId = this.#d.ids.next();
    return askOrg(this.#d, p, orgId, "clients.create", { clientId, name, description }, opts);
  }

  list(p: Principal, orgId: string, page: PageRequest) {
    return askOrg(this.#d, p, orgId, "clients.list", { page });
  }

  get(p: Principal, orgId: string, clientId: string) {
    return askOrg(this.#d, p, orgId, "clients.get", { clientId });
  }

  update(
    p: Principal,
    orgId: string,
    clientId: string,
    input: ClientUpdateInput,
    opts: CallOptions,
  ) {
    const { name = null, description = null } = input;
    return askOrg(this.#d, p, orgId, "clients.update", { clientId, name, description }, opts);
  }

  setActive(p: Principal, orgId: string, clientId: string, active: boolean, opts: CallOptions) {
    return askOrg(this.#d, p, orgId, "clients.setActive", { clientId, active }, opts);
  }

  async delete(p: Principal, orgId: string, clientId: string, opts: CallOptions): Promise<void> {
    await askOrg(this.#d, p, orgId, "clients.delete", { clientId }, opts);
    await runOrgCascades(this.#d, orgId);
  }

  /** Creates a certificate; the reply carries `private_key` (standard base64 seed) this once. */
  async createCertificate(
    p: Principal,
    orgId: string,
    clientId: string,
    input: CertificateCreateInput,
    opts: CallOptions,
  ) {
    const { publicKey, seed } = generateEd25519();
    try {
      const reply = await askOrg(
        this.#d,
        p,
        orgId,
        "certificates.create",
        {
          clientId,
          certId: this.#d.ids.next(),
          name: input.name,
          publicKey: publicKey.toString("base64"),
          sealedPrivateKey: this.#keys.seal(seed.toString("base64")),
        },
        opts,
      );
      return { ...reply, private_key: seed.toString("base64") };
    } finally {
      seed.fill(0);
    }
  }

  listCertificates(p: Principal, orgId: string, clientId: string) {
    return askOrg(this.#d, p, orgId, "certificates.list", { clientId });
  }

  getCertificate(p: Principal, orgId: string, clientId: string, certId: string) {
    return askOrg(this.#d, p, orgId, "certificates.get", { clientId, certId });
  }

  revokeCertificate(
    p: Principal,
    orgId: string,
    clientId: string,
    certId: string,
    opts: CallOptions,
  ) {
    return askOrg(this.#d, p, orgId, "certificates.revoke", { clientId, certId }, opts);
  }

  async deleteCertificate(
    p: Principal,
    orgId: string,
    clientId: string,
    certId: string,
    opts: CallOptions,
  ): Promise<void> {
    await askOrg(this.#d, p, orgId, "certificates.delete", { clientId, certId }, opts);
  }
}
