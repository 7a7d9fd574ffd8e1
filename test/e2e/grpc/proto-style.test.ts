/**
 * Style rules for our `.proto` files (the subset of buf's STANDARD lint that applies here), so the
 * protos stay lint-free without a protoc toolchain: every file under
 * proto/inferadb/management/v1 is proto3 in package `inferadb.management.v1`, opens with a comment,
 * declares at most one service (named `*Service`), names each RPC's messages
 * `<Method>Request`/`<Method>Response` or `<Service><Method>Request`/`...Response` and uses each of
 * them for one RPC only, and spells fields in lower_snake_case and messages in PascalCase.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { OUR_PACKAGE, PROTO_ROOT, protoFiles } from "../../../src/grpc/protos.ts";

const ours = protoFiles().filter((f) => f.startsWith(join(...OUR_PACKAGE.split("."))));
const texts = ours.map((f) => [f, readFileSync(join(PROTO_ROOT, f), "utf8")] as const);

describe("proto style", () => {
  test("there are protos to check, including the account and organization services", () => {
    const names = ours.map((f) => f.split("/").at(-1));
    for (const f of ["auth.proto", "user.proto", "organization.proto", "team.proto"]) {
      expect(names).toContain(f);
    }
  });

  test.each(texts)("%s: header, syntax, package, one service", (_f, text) => {
    expect(text).toStartWith("//");
    expect(text).toContain('syntax = "proto3";');
    expect([...text.matchAll(/^package ([\w.]+);/gm)].map((m) => m[1])).toEqual([OUR_PACKAGE]);
    const services = [...text.matchAll(/^service (\w+) \{/gm)].map((m) => m[1] as string);
    expect(services.length).toBeLessThanOrEqual(1);
    for (const s of services) expect(s).toMatch(/^[A-Z][A-Za-z0-9]*Service$/);
    for (const m of text.matchAll(/^message (\w+) \{/gm))
      expect(m[1]).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    for (const m of text.matchAll(/^\s+(?:optional |repeated )?[\w.]+ (\w+) = \d+;/gm)) {
      expect(m[1]).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  test("each RPC has its own standard-named request and response", () => {
    const seen = new Set<string>();
    for (const [, text] of texts) {
      const service = /^service (\w+) \{/m.exec(text)?.[1];
      for (const m of text.matchAll(/^\s+rpc (\w+)\((\w+)\) returns \((\w+)\);/gm)) {
        const [, method, req, res] = m as unknown as [string, string, string, string];
        expect([`${method}Request`, `${service}${method}Request`]).toContain(req);
        expect([`${method}Response`, `${service}${method}Response`]).toContain(res);
        for (const t of [req, res]) {
          expect(seen.has(t)).toBe(false);
          seen.add(t);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(90);
  });
});
