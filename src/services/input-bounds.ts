/**
 * Outer bounds on request strings (in UTF-16 code units, as JSON Schema `maxLength` counts),
 * shared by every transport so HTTP and gRPC refuse the same over-long input before any work
 * (HTTP: 422 VALIDATION_FAILED from the route schemas; gRPC: INVALID_ARGUMENT VALIDATION_FAILED).
 * They are generous: the exact rules (UTF-8 byte lengths, characters, syntax) are the domain
 * validators the services run.
 */
export const INPUT_MAX_CHARS = {
  name: 400,
  email: 320,
  password: 1024,
  token: 256,
  description: 4000,
  /** Audit log filters `action` and `resource_type`. */
  filter: 100,
  /** Audit log `start_date` / `end_date`. */
  date: 64,
  /** Audit log `cursor`. */
  cursor: 128,
} as const;
