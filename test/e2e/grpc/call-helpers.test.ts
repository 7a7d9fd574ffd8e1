/**
 * The transport-neutral pieces the gRPC handlers rely on, without a server: the peer address →
 * client IP, the `authorization` value → presented token (shared with HTTP), and the request
 * checks (ids, enums, pages) with the codes and fields they report.
 */
import { describe, expect, test } from "bun:test";
import { checked, peerIp } from "../../../src/grpc/services/call.ts";
import { isAppError } from "../../../src/lib/errors.ts";
import { AuditQueryInput } from "../../../src/services/audit/inputs.ts";
import { MemberRoleInput } from "../../../src/services/organizations/inputs.ts";
import { bearerCredential } from "../../../src/services/sessions/credentials.ts";

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, fields: (e.details ?? []).map((d) => d.field) };
    throw e;
  }
  throw new Error("did not throw");
}

describe("peerIp", () => {
  test.each([
    ["127.0.0.1:50123", "127.0.0.1"],
    ["::1:50123", "::1"],
    ["[::1]:50123", "::1"],
    ["::ffff:10.0.0.7:443", "::ffff:10.0.0.7"],
    ["2001:db8::5:8080", "2001:db8::5"],
    ["unknown", null],
    ["localhost:80", null],
    ["", null],
  ])("%s → %s", (peer, ip) => {
    expect(peerIp(peer)).toBe(ip);
  });
});

describe("bearerCredential", () => {
  test.each([
    [undefined, undefined],
    [null, undefined],
    ["Bearer 1.abc", "1.abc"],
    ["bearer   1.abc  ", "1.abc"],
    ["BEARER\t1.abc", "1.abc"],
    ["Bearer", null],
    ["Bearer    ", null],
    ["Basic dXNlcjpwYXNz", null],
    ["1.abc", null],
  ])("%p → %p", (value, token) => {
    expect(bearerCredential(value)).toBe(token as string | null | undefined);
  });
});

describe("request checks", () => {
  test("valid input passes through, with HTTP's page defaults and clamping", () => {
    const out = checked((c) => ({
      id: c.id("organization_id", "9223372036854775807"),
      role: c.input(MemberRoleInput, { role: "ADMIN" }).role,
      page: c.page({ limit: 500 }),
      first: c.page({ limit: 0, offset: 3 }),
    }));
    expect(out).toEqual({
      id: "9223372036854775807",
      role: "ADMIN",
      page: { limit: 100, offset: 0 },
      first: { limit: 1, offset: 3 },
    });
  });

  test("bad ids only → INVALID_ID naming every field", () => {
    const r = thrown(() =>
      checked((c) => [c.id("organization_id", "9223372036854775808"), c.id("team_id", "07")]),
    );
    expect(r).toEqual({ code: "INVALID_ID", fields: ["organization_id", "team_id"] });
  });

  test("any other problem → VALIDATION_FAILED, still naming the bad ids too", () => {
    const r = thrown(() =>
      checked((c) => [
        c.id("member_id", "x"),
        c.input(MemberRoleInput, { role: "root" }),
        c.page({ offset: -5 }),
      ]),
    );
    expect(r).toEqual({ code: "VALIDATION_FAILED", fields: ["member_id", "role", "offset"] });
  });

  test("input takes the schema's fields only, omitting absent ones and protobuf's oneof keys", () => {
    const decoded: Record<string, unknown> = {
      organization_id: "1",
      action: "team.created",
      _action: "action",
      actor: undefined,
      limit: 5,
      _limit: "limit",
    };
    expect(checked((c) => c.input(AuditQueryInput, decoded))).toEqual({
      action: "team.created",
      limit: 5,
    });
  });

  test("a bad Id property of the schema counts as a bad id", () => {
    const badActor: Record<string, unknown> = { actor: "alice" };
    expect(thrown(() => checked((c) => c.input(AuditQueryInput, badActor)))).toEqual({
      code: "INVALID_ID",
      fields: ["actor"],
    });
    const alsoLong: Record<string, unknown> = { ...badActor, action: "x".repeat(101) };
    const both = thrown(() => checked((c) => c.input(AuditQueryInput, alsoLong)));
    expect(both.code).toBe("VALIDATION_FAILED");
    expect(both.fields.sort()).toEqual(["action", "actor"]);
  });
});
