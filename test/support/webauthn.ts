/**
 * A software WebAuthn authenticator for tests without a browser (docs/passkeys.md): P-256 (ES256)
 * or Ed25519 (EdDSA) credentials, attestation `none`, authenticator data and client data built
 * by hand (WebAuthn Level 2 §6.1, §6.5, §7), so each ceremony can be bent one field at a time:
 * origin, RP ID, challenge, flags (UP/UV), signature counter.
 */
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from "node:crypto";

// Minimal CBOR encoding (RFC 8949): unsigned/negative integers, byte and text strings, maps.
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor> | { [k: string]: Cbor };

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

export function cbor(v: Cbor): Uint8Array {
  if (typeof v === "number") {
    return Uint8Array.from(v >= 0 ? head(0, v) : head(1, -1 - v));
  }
  if (typeof v === "string") {
    const b = new TextEncoder().encode(v);
    return Buffer.concat([Uint8Array.from(head(3, b.length)), b]);
  }
  if (v instanceof Uint8Array) return Buffer.concat([Uint8Array.from(head(2, v.length)), v]);
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return Buffer.concat([
    Uint8Array.from(head(5, entries.length)),
    ...entries.flatMap(([k, val]) => [cbor(k), cbor(val)]),
  ]);
}

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString("base64url");
const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest();

export const RP_ID = "localhost";
export const ORIGIN = "http://localhost:3000";

export interface CeremonyOptions {
  origin?: string;
  rpId?: string;
  /** Overrides the challenge of the options. */
  challenge?: string;
  userPresent?: boolean;
  userVerified?: boolean;
  /** The signature counter to claim (default: one more than the last). */
  counter?: number;
  type?: string;
}

export class SoftAuthenticator {
  readonly alg: "ES256" | "EdDSA";
  readonly credentialId: Buffer;
  readonly #key: KeyObject;
  readonly publicKey: KeyObject;
  counter = 0;
  userHandle: string | undefined;

  constructor(alg: "ES256" | "EdDSA" = "ES256", credentialId?: Buffer) {
    this.alg = alg;
    this.credentialId = credentialId ?? randomBytes(32);
    const pair =
      alg === "ES256"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : generateKeyPairSync("ed25519");
    this.#key = pair.privateKey;
    this.publicKey = createPublicKey(pair.privateKey);
  }

  get id(): string {
    return b64u(this.credentialId);
  }

  #cose(): Uint8Array {
    const jwk = this.publicKey.export({ format: "jwk" });
    const x = Buffer.from(jwk.x as string, "base64url");
    if (this.alg === "EdDSA") {
      return cbor(
        new Map<Cbor, Cbor>([
          [1, 1],
          [3, -8],
          [-1, 6],
          [-2, x],
        ]),
      );
    }
    return cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, x],
        [-3, Buffer.from(jwk.y as string, "base64url")],
      ]),
    );
  }

  #authData(o: CeremonyOptions, attested: boolean, counter: number): Buffer {
    let flags = 0;
    if (o.userPresent ?? true) flags |= 0x01;
    if (o.userVerified ?? true) flags |= 0x04;
    if (attested) flags |= 0x40;
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const parts: Uint8Array[] = [sha256(o.rpId ?? RP_ID), Uint8Array.of(flags), c];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), len, this.credentialId, this.#cose());
    }
    return Buffer.concat(parts);
  }

  #clientData(kind: "webauthn.create" | "webauthn.get", challenge: string, o: CeremonyOptions) {
    return JSON.stringify({
      type: o.type ?? kind,
      challenge: o.challenge ?? challenge,
      origin: o.origin ?? ORIGIN,
      crossOrigin: false,
    });
  }

  /** A RegistrationResponseJSON for creation options `options` (as the server answered them). */
  register(options: { challenge: string; user?: { id: string } }, o: CeremonyOptions = {}) {
    this.userHandle = options.user?.id;
    const clientDataJSON = this.#clientData("webauthn.create", options.challenge, o);
    const attestationObject = cbor({
      fmt: "none",
      attStmt: new Map(),
      authData: this.#authData(o, true, this.counter),
    });
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64u(clientDataJSON),
        attestationObject: b64u(attestationObject),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** An AuthenticationResponseJSON for request options `options`. */
  authenticate(options: { challenge: string }, o: CeremonyOptions = {}) {
    const counter = o.counter ?? this.counter + 1;
    this.counter = Math.max(this.counter, counter);
    const clientDataJSON = this.#clientData("webauthn.get", options.challenge, o);
    const authenticatorData = this.#authData(o, false, counter);
    const signed = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
    const signature =
      this.alg === "ES256" ? sign("sha256", signed, this.#key) : sign(null, signed, this.#key);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key" as const,
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authenticatorData),
        signature: b64u(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }
}
