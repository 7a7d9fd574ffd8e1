/** Input schemas of clients and certificates (HTTP body and gRPC request alike); strict. */
import { type Static, Type } from "@sinclair/typebox";
import { Bounded, STRICT } from "../../lib/schema.ts";

const NullableName = Type.Optional(Type.Union([Bounded.name, Type.Null()]));
const NullableDescription = Type.Optional(Type.Union([Bounded.description, Type.Null()]));

export const ClientCreateInput = Type.Object(
  { name: Bounded.name, description: NullableDescription },
  STRICT,
);
export type ClientCreateInput = Static<typeof ClientCreateInput>;
export const ClientUpdateInput = Type.Object(
  { name: NullableName, description: NullableDescription },
  STRICT,
);
export type ClientUpdateInput = Static<typeof ClientUpdateInput>;
export const CertificateCreateInput = Type.Object({ name: Bounded.name }, STRICT);
export type CertificateCreateInput = Static<typeof CertificateCreateInput>;
