/**
 * Input schemas of native-app sign-in (issue 13, docs/cli-sign-in.md). The JSON routes are strict;
 * the OAuth endpoints take form bodies and query strings whose fields are all optional to the
 * schema (each bounded), so a missing or wrong one gets the RFC's answer from the service, and
 * unknown parameters are ignored (RFC 6749 §3.1).
 */
import { Type } from "@sinclair/typebox";
import { STRICT } from "../../lib/schema.ts";

const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const OPEN = { additionalProperties: true } as const;

export const CliAuthorizeInput = Type.Object(
  {
    code_challenge: Type.String({ maxLength: 256 }),
    code_challenge_method: Type.String({ maxLength: 16 }),
  },
  STRICT,
);

export const CliTokenInput = Type.Object(
  { code: Type.String({ maxLength: 256 }), code_verifier: Type.String({ maxLength: 256 }) },
  STRICT,
);

const authorizeFields = {
  response_type: Field(32),
  client_id: Field(128),
  redirect_uri: Field(2048),
  state: Field(1024),
  code_challenge: Field(256),
  code_challenge_method: Field(16),
  scope: Field(512),
};

export const AuthorizeQuery = Type.Object(authorizeFields, OPEN);

export const AuthorizeDecisionForm = Type.Object(
  {
    ...authorizeFields,
    decision: Type.Optional(Type.Union([Type.Literal("allow"), Type.Literal("deny")])),
  },
  OPEN,
);

/** `POST /oauth/token` and `POST /oauth/device_authorization`. */
export const OAuthForm = Type.Object(
  {
    grant_type: Field(128),
    client_id: Field(128),
    code: Field(256),
    code_verifier: Field(256),
    redirect_uri: Field(2048),
    refresh_token: Field(256),
    device_code: Field(256),
    scope: Field(512),
  },
  OPEN,
);

export const DeviceQuery = Type.Object({ user_code: Field(16) }, OPEN);

export const DeviceDecisionForm = Type.Object(
  {
    user_code: Type.String({ maxLength: 32 }),
    decision: Type.Union([Type.Literal("allow"), Type.Literal("deny")]),
  },
  OPEN,
);
