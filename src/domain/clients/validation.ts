/**
 * Input rules of clients and certificates: names are trimmed, 1..100 UTF-8 bytes, no control
 * characters (the organization name rule); descriptions are free text up to 1000 bytes. Counts are
 * bounded so a turn's range reads stay small.
 */
import { CONTROL, checkName, utf8 } from "../organizations/validation.ts";
import { ClientErrors } from "./errors.ts";

/** Clients per organization (deactivated ones count; deleted ones do not). */
export const MAX_CLIENTS_PER_ORG = 200;
/** Certificates per client (revoked ones count until deleted). */
export const MAX_CERTIFICATES_PER_CLIENT = 20;
const MAX_DESCRIPTION_BYTES = 1000;

export function normalizeClientName(raw: string): string {
  return checkName(raw, "Client", (m) => ClientErrors.CLIENT_NAME_INVALID(m));
}

export function normalizeCertificateName(raw: string): string {
  return checkName(raw, "Certificate", (m) => ClientErrors.CERTIFICATE_NAME_INVALID(m));
}

export function normalizeClientDescription(raw: string | undefined | null): string {
  const d = (raw ?? "").trim();
  if (utf8.encode(d).length > MAX_DESCRIPTION_BYTES) {
    throw ClientErrors.CLIENT_NAME_INVALID(
      `Description must be ${MAX_DESCRIPTION_BYTES} bytes or less`,
    );
  }
  if (CONTROL.test(d.replace(/[\n\t]/g, " "))) {
    throw ClientErrors.CLIENT_NAME_INVALID("Description must not contain control characters");
  }
  return d;
}
