/**
 * Input rules for account fields (api.md §4, §6.2, §6.3). Lengths are UTF-8 byte lengths, as in the
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
 * An email address: trimmed and lower-cased; exactly one `@`, a non-empty local part (≤ 64 bytes), a
 * domain of dot-separated non-empty labels, no whitespace or control characters, ≤ 254 bytes.
 */
export function normaliseEmail(raw: string, field = "email"): string {
  const email = raw.trim().toLowerCase();
  const bad = (message: string) =>
    UserErrors.INVALID_EMAIL(message, { details: [{ field, message }] });
  if (email.length === 0) throw bad("Email cannot be empty");
  if (!email.isWellFormed()) throw bad("Invalid email format");
  if (byteLength(email) > EMAIL_MAX_BYTES)
    throw bad(`Email must be ${EMAIL_MAX_BYTES} bytes or less`);
  if (/\s/u.test(email) || hasControl(email)) throw bad("Invalid email format");
  const parts = email.split("@");
  if (parts.length !== 2) throw bad("Email must contain exactly one @ symbol");
  const [local, domain] = parts as [string, string];
  if (local.length === 0 || byteLength(local) > 64) throw bad("Invalid email format");
  const labels = domain.split(".");
  if (labels.length < 2 || labels.some((l) => l.length === 0)) throw bad("Invalid email format");
  return email;
}

/** `normaliseEmail`, or undefined when the input is not a valid address (sign-in lookups). */
export function tryNormaliseEmail(raw: string): string | undefined {
  try {
    return normaliseEmail(raw);
  } catch {
    return undefined;
  }
}
