/**
 * Client assertions (RFC 7523 §2.2 / §3, A10; docs/tokens.md#client-assertions): the JWT a service
 * client signs with its certificate's private key to get a vault token at `POST /v1/token`.
 *
 * Checked here, before any actor turn (everything that does not need committed data):
 * - a compact JWS of at most 8 KiB whose header says `alg: EdDSA` (anything else, `none` and the
 *   HMAC algorithms included, is refused before a key is looked at, so no key confusion) and
 *   carries a six-part `kid` `org-<org>-client-<client>-cert-<cert>`;
 * - the certificate named by the kid exists, is not revoked and its stored kid is exactly the
 *   header's; the signature verifies with its public key;
 * - `aud` contains `auth.client_assertion_audience`; `iss` = `sub` = the client id; `exp`, `iat`
 *   and `jti` present; not expired (60 s skew); `iat` at most 60 s in the future; `exp - iat` at
 *   most 60 s; `nbf`, when present, passed (60 s skew); `jti` 1-256 characters.
 * The vault turn then re-checks the certificate and the client against committed data and records
 * the `jti` (single use per client until `exp` plus the skew).
 *
 * Every failure is 401 `INVALID_CLIENT_ASSERTION` (OAuth `invalid_client`). Before the signature
 * verified, the message does not say whether a kid exists; after, it names the failed claim.
 */
import { createPublicKey } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { CertificateCodec } from "../../domain/clients/codecs.ts";
import { ClientRanges } from "../../domain/clients/keys.ts";
import { TokenErrors } from "../../domain/tokens/errors.ts";
import { ASSERTION_SKEW_S } from "../../domain/tokens/families.ts";
import type { KvStore } from "../../kv/types.ts";
import { isId } from "../../lib/ids.ts";
import { KID } from "./signing.ts";

export const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Longest assertion accepted (bytes of the compact JWS). */
export const ASSERTION_MAX_CHARS = 8192;
/** Longest assertion lifetime (`exp - iat`, seconds; A10). */
export const ASSERTION_MAX_LIFETIME_S = 60;

export interface VerifiedAssertion {
  orgId: string;
  clientId: string;
  certId: string;
  kid: string;
  jti: string;
  /** `exp` of the assertion (s). */
  exp: number;
}

const refuse = (why: string) =>
  TokenErrors.INVALID_CLIENT_ASSERTION(`Invalid client assertion: ${why}`);

/** Why jose refused a token, in words safe to show the client that signed it. */
function joseReason(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return "the assertion has expired";
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    return `claim '${e.claim}' is missing or invalid`;
  }
  if (e instanceof joseErrors.JWSSignatureVerificationFailed)
    return "the signature does not verify";
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return "alg must be EdDSA";
  return "the assertion is not a valid JWT";
}

export async function verifyAssertion(
  kv: KvStore,
  assertion: string,
  opts: { audience: string; nowMs: number },
): Promise<VerifiedAssertion> {
  if (assertion.length === 0 || assertion.length > ASSERTION_MAX_CHARS) {
    throw refuse(`must be a JWT of at most ${ASSERTION_MAX_CHARS} characters`);
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    throw refuse("the assertion is not a JWT");
  }
  if (header.alg !== "EdDSA") throw refuse("alg must be EdDSA");
  const kid = typeof header.kid === "string" ? header.kid : "";
  const m = KID.exec(kid);
  if (!m || !isId(m[1]!) || !isId(m[2]!) || !isId(m[3]!)) {
    throw refuse("kid must be org-<org>-client-<client>-cert-<cert>");
  }
  const [orgId, clientId, certId] = [m[1]!, m[2]!, m[3]!];
  const raw = await kv.transact(
    (tx) => tx.snapshot.get(ClientRanges.certificate(orgId, clientId, certId)),
    { name: "tokens.assertionKey" },
  );
  const cert = raw ? CertificateCodec.decode(raw) : null;
  if (!cert || cert.kid !== kid || cert.revoked_at !== null) {
    throw refuse("unknown or revoked certificate");
  }
  const key = createPublicKey({
    format: "jwk",
    key: {
      kty: "OKP",
      crv: "Ed25519",
      x: Buffer.from(cert.public_key, "base64").toString("base64url"),
    },
  });
  let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
  try {
    ({ payload } = await jwtVerify(assertion, key, {
      algorithms: ["EdDSA"],
      audience: opts.audience,
      issuer: clientId,
      subject: clientId,
      requiredClaims: ["exp", "iat", "jti"],
      clockTolerance: ASSERTION_SKEW_S,
      currentDate: new Date(opts.nowMs),
    }));
  } catch (e) {
    throw refuse(joseReason(e));
  }
  const now = Math.floor(opts.nowMs / 1000);
  const { iat, exp, jti } = payload as { iat: number; exp: number; jti: unknown };
  if (iat > now + ASSERTION_SKEW_S) throw refuse("iat is in the future");
  if (exp - iat > ASSERTION_MAX_LIFETIME_S) {
    throw refuse(`the assertion lives longer than ${ASSERTION_MAX_LIFETIME_S} s (exp - iat)`);
  }
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 256 || !jti.isWellFormed()) {
    throw refuse("jti must be a string of 1-256 characters");
  }
  return { orgId, clientId, certId, kid, jti, exp };
}
