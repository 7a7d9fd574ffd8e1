/** Input schemas of the signed-in user's profile (HTTP body and gRPC request alike). */
import { type Static, Type } from "@sinclair/typebox";
import { Bounded } from "../../lib/schema.ts";

export const UpdateProfileInput = Type.Object({
  name: Type.Optional(Type.Union([Bounded.name, Type.Null()])),
  accept_tos: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
});
export type UpdateProfileInput = Static<typeof UpdateProfileInput>;
