/** The audit log query (HTTP query string and gRPC request alike). */
import { type Static, Type } from "@sinclair/typebox";
import { Bounded, Count, Id } from "../../lib/schema.ts";

export const AuditQueryInput = Type.Object({
  action: Type.Optional(Bounded.filter),
  actor: Type.Optional(Id),
  resource_type: Type.Optional(Bounded.filter),
  start_date: Type.Optional(Bounded.date),
  end_date: Type.Optional(Bounded.date),
  limit: Type.Optional(Count),
  cursor: Type.Optional(Bounded.cursor),
});
export type AuditQueryInput = Static<typeof AuditQueryInput>;
