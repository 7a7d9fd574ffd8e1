/**
 * Input rules for account fields (docs/identity.md#credentials, docs/identity.md#flows). Lengths are UTF-8 byte lengths, as in the
 * original system. Each function returns the normalised value or throws a typed 400.
 */
import { UserErrors } from "./errors.ts";

const utf8 = new TextEncoder();
/** True when `s` has a C0/C1 control character, DEL, or a Unicode line/paragraph separator. */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

export const NAME_MAX_BYTES = 100;
export const PASSWORD_MIN_BYTES = 12;
export const PASSWORD_MAX_BYTES = 128;
export const EMAIL_MAX_BYTES = 254;

export function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** A display name: trimmed, 1..100 bytes, no control characters. Returns the trimmed name. */
export function normaliseName(raw: string, field = "name"): string {
  if (!raw.isWellFormed()) {
    throw UserErrors.INVALID_NAME("Name must be valid Unicode text", {
      details: [{ field, message: "contains an unpaired surrogate" }],
    });
  }
  const name = raw.trim();
  if (name.length === 0) {
    throw UserErrors.INVALID_NAME("Name cannot be empty or only whitespace", {
      details: [{ field, message: "must not be blank" }],
    });
  }
  const bytes = byteLength(name);
  if (bytes > NAME_MAX_BYTES) {
    throw UserErrors.INVALID_NAME(
      `Name must be ${NAME_MAX_BYTES} characters or less, got ${bytes}`,
      {
        details: [{ field, message: `at most ${NAME_MAX_BYTES} bytes` }],
      },
    );
  }
  if (hasControl(name)) {
    throw UserErrors.INVALID_NAME("Name must not contain control characters", {
      details: [{ field, message: "control characters are not allowed" }],
    });
  }
  return name;
}

/** A password: 12..128 UTF-8 bytes, any characters. */
export function checkPassword(password: string, field = "password"): void {
  const bytes = byteLength(password);
  if (!password.isWellFormed()) {
    throw UserErrors.INVALID_PASSWORD("Password must be valid Unicode text", {
      details: [{ field, message: "contains an unpaired surrogate" }],
    });
  }
  if (bytes < PASSWORD_MIN_BYTES || bytes > PASSWORD_MAX_BYTES) {
    throw UserErrors.INVALID_PASSWORD(undefined, {
      details: [
        { field, message: `between ${PASSWORD_MIN_BYTES} and ${PASSWORD_MAX_BYTES} bytes` },
      ],
    });
  }
}

/**
 * RFC 5322 "specials" (and the backslash) have meaning in an address header: with them a stored
 * address can differ from where a mailer delivers (`corp.com<me@evil.com>` is delivered to
 * `me@evil.com`, `a@b.com,c.com` to two recipients), so the address a user verified would not be
 * the address they hold. Quoted local parts are therefore not supported.
 */
const HEADER_SPECIALS = /[()<>[\]:;,"\\]/;

/**
 * The canonical form of an email address, the one key for uniqueness, sign-in, rate limits and
 * invitation matching: trimmed, Unicode NFKC (so full-width and other compatibility look-alikes
 * fold to their plain letters, and composed/decomposed accents compare equal), lower-cased;
 * exactly one `@`, a non-empty local part (≤ 64 bytes), a domain of dot-separated non-empty
 * labels, no whitespace, control, invisible format (zero-width, bidi) or header-special
 * characters, ≤ 254 bytes.
 */
export function canonicalEmail(raw: string): { email: string } | { problem: string } {
  const trimmed = raw.trim();
  if (trimmed.length === 0) return { problem: "Email cannot be empty" };
  if (!trimmed.isWellFormed()) return { problem: "Invalid email format" };
  const email = trimmed.normalize("NFKC").toLowerCase();
  if (byteLength(email) > EMAIL_MAX_BYTES) {
    return { problem: `Email must be ${EMAIL_MAX_BYTES} bytes or less` };
  }
  if (/[\s\p{Cf}]/u.test(email) || hasControl(email) || HEADER_SPECIALS.test(email)) {
    return { problem: "Invalid email format" };
  }
  const parts = email.split("@");
  if (parts.length !== 2) return { problem: "Email must contain exactly one @ symbol" };
  const [local, domain] = parts as [string, string];
  if (local.length === 0 || byteLength(local) > 64) return { problem: "Invalid email format" };
  const labels = domain.split(".");
  if (labels.length < 2 || labels.some((l) => l.length === 0)) {
    return { problem: "Invalid email format" };
  }
  return { email };
}

/** `canonicalEmail`, throwing a typed 400 (INVALID_EMAIL) naming `field` when malformed. */
export function normaliseEmail(raw: string, field = "email"): string {
  const c = canonicalEmail(raw);
  if ("problem" in c) {
    throw UserErrors.INVALID_EMAIL(c.problem, { details: [{ field, message: c.problem }] });
  }
  return c.email;
}

/** `normaliseEmail`, or undefined when the input is not a valid address (sign-in lookups). */
export function tryNormaliseEmail(raw: string): string | undefined {
  try {
    return normaliseEmail(raw);
  } catch {
    return undefined;
  }
}
