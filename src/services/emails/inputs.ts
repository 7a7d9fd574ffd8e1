/** Input schemas of the signed-in user's email addresses (HTTP body and gRPC request alike). */
import { Type } from "@sinclair/typebox";
import { Bounded } from "../../lib/schema.ts";

export const AddEmailInput = Type.Object({ email: Bounded.email });
export const SetPrimaryInput = Type.Object({ is_primary: Type.Boolean() });
