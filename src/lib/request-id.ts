/**
 * Request ids shared by both transports: a caller's id is kept when it is sane (1-128 characters
 * of `A-Z a-z 0-9 . _ : -`, safe in headers and logs); anything else is replaced by a fresh UUID.
 */
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function acceptRequestId(incoming: unknown): string {
  return typeof incoming === "string" && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
}
