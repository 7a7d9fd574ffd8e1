/**
 * Input schemas of sign-up and sign-in, used as they are by the HTTP routes (body schemas) and
 * the gRPC handlers (checked against the decoded request). Bounds are generous; the services
 * apply the exact rules (bytes, characters) with clear codes.
 */
import { type Static, Type } from "@sinclair/typebox";
import { Bounded } from "../../lib/schema.ts";

export const RegisterInput = Type.Object({
  name: Bounded.name,
  email: Bounded.email,
  password: Bounded.password,
});
export type RegisterInput = Static<typeof RegisterInput>;

export const LoginInput = Type.Object({ email: Bounded.email, password: Bounded.password });
export const VerifyEmailInput = Type.Object({ token: Bounded.token });
export const PasswordResetRequestInput = Type.Object({ email: Bounded.email });
export const PasswordResetConfirmInput = Type.Object({
  token: Bounded.token,
  new_password: Bounded.password,
});
export const ChangePasswordInput = Type.Object({
  current_password: Bounded.password,
  new_password: Bounded.password,
});
