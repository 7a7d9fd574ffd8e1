/** The error taxonomy: the KIND_STATUS table, catalogs, `toPublic` and duck-typed `isAppError`. */
import { describe, expect, test } from "bun:test";
import {
  AppError,
  CommonErrors,
  defineErrors,
  GrpcCode,
  isAppError,
  KIND_STATUS,
  toPublic,
} from "../../../src/lib/errors.ts";

describe("KIND_STATUS", () => {
  test.each([
    ["bad_request", 400, GrpcCode.INVALID_ARGUMENT],
    ["unauthenticated", 401, GrpcCode.UNAUTHENTICATED],
    ["payment_required", 402, GrpcCode.RESOURCE_EXHAUSTED],
    ["forbidden", 403, GrpcCode.PERMISSION_DENIED],
    ["not_found", 404, GrpcCode.NOT_FOUND],
    ["method_not_allowed", 405, GrpcCode.UNIMPLEMENTED],
    ["conflict", 409, GrpcCode.ALREADY_EXISTS],
    ["payload_too_large", 413, GrpcCode.RESOURCE_EXHAUSTED],
    ["unsupported_media_type", 415, GrpcCode.INVALID_ARGUMENT],
    ["unprocessable", 422, GrpcCode.INVALID_ARGUMENT],
    ["rate_limited", 429, GrpcCode.RESOURCE_EXHAUSTED],
    ["internal", 500, GrpcCode.INTERNAL],
    ["unavailable", 503, GrpcCode.UNAVAILABLE],
    ["overloaded", 503, GrpcCode.RESOURCE_EXHAUSTED],
    ["deadline_exceeded", 504, GrpcCode.DEADLINE_EXCEEDED],
  ] as const)("%s → HTTP %d, gRPC %d (api.md A3)", (kind, http, grpc) => {
    expect(KIND_STATUS[kind]).toEqual({ http, grpc });
  });

  test("every common code has a kind present in the table", () => {
    for (const [code, entry] of Object.entries(CommonErrors.catalog)) {
      expect(KIND_STATUS[entry.kind]).toBeDefined();
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
  });
});

describe("catalogs and toPublic", () => {
  const Errs = defineErrors({
    THING_NOT_FOUND: { kind: "not_found", message: "Thing not found" },
    THING_BUSY: { kind: "unavailable", message: "Thing busy" },
  });

  test("factories carry code, kind and default or custom message", () => {
    const e = Errs.THING_NOT_FOUND();
    expect(e.code).toBe("THING_NOT_FOUND");
    expect(e.kind).toBe("not_found");
    expect(e.httpStatus).toBe(404);
    expect(Errs.THING_NOT_FOUND("Custom").message).toBe("Custom");
  });

  test("public errors expose message, details and retry-after", () => {
    const pub = toPublic(
      Errs.THING_BUSY(undefined, {
        retryAfterSeconds: 3,
        details: [{ field: "name", message: "too long" }],
      }),
    );
    expect(pub).toEqual({
      status: 503,
      grpc: GrpcCode.UNAVAILABLE,
      code: "THING_BUSY",
      message: "Thing busy",
      details: [{ field: "name", message: "too long" }],
      retryAfterSeconds: 3,
    });
  });

  test("non-public errors keep their code but hide the message", () => {
    const e = new AppError("DB_EXPLODED", "internal", "sqlite: disk I/O at /var/x", {
      public: false,
    });
    expect(toPublic(e)).toMatchObject({
      status: 500,
      code: "DB_EXPLODED",
      message: "Internal server error",
    });
  });

  test("anything that is not an AppError becomes a generic INTERNAL", () => {
    for (const thrown of [new Error("secret stack"), "string", null, { code: 1 }]) {
      expect(toPublic(thrown)).toEqual({
        status: 500,
        grpc: GrpcCode.INTERNAL,
        code: "INTERNAL",
        message: "Internal server error",
      });
    }
  });

  test("isAppError recognises errors that crossed a structured clone (worker boundary)", () => {
    const cloned = structuredClone({
      ...CommonErrors.FORBIDDEN(),
      name: "AppError",
      code: "FORBIDDEN",
      kind: "forbidden",
      message: "Forbidden",
    });
    expect(isAppError(cloned)).toBe(true);
    expect(toPublic(cloned).status).toBe(403);
    expect(isAppError(new Error("x"))).toBe(false);
  });
});
