/**
 * Input schemas of passkeys (issue 12, docs/passkeys.md). The WebAuthn response objects are
 * checked for their shape here (base64url strings, bounded) and verified by
 * @simplewebauthn/server; unknown members of the credential JSON (extensions, future fields) are
 * allowed, as browsers add them.
 */
import { type Static, Type } from "@sinclair/typebox";
import { STRICT, Text } from "../../lib/schema.ts";

const B64 = (maxLength: number) => Type.String({ pattern: "^[A-Za-z0-9_-]*={0,2}$", maxLength });
const OPEN = { additionalProperties: true } as const;

export const RegistrationCredential = Type.Object(
  {
    id: B64(1400),
    rawId: B64(1400),
    type: Type.Literal("public-key"),
    response: Type.Object(
      {
        clientDataJSON: B64(16_384),
        attestationObject: B64(65_536),
        transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 })),
      },
      OPEN,
    ),
    clientExtensionResults: Type.Object({}, OPEN),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  },
  OPEN,
);

export const AuthenticationCredential = Type.Object(
  {
    id: B64(1400),
    rawId: B64(1400),
    type: Type.Literal("public-key"),
    response: Type.Object(
      {
        clientDataJSON: B64(16_384),
        authenticatorData: B64(16_384),
        // ML-DSA signatures (COSE -48/-49/-50, which the registration options admit) are 2.4-4.6 KB:
        // 3 227-6 170 base64url characters.
        signature: B64(8192),
        userHandle: Type.Optional(B64(256)),
      },
      OPEN,
    ),
    clientExtensionResults: Type.Object({}, OPEN),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  },
  OPEN,
);

export const RegistrationOptionsInput = Type.Object({}, STRICT);

export const RegistrationVerifyInput = Type.Object(
  { credential: RegistrationCredential, name: Type.Optional(Text(100)) },
  STRICT,
);
export type RegistrationVerifyInput = Static<typeof RegistrationVerifyInput>;

export const AuthenticationOptionsInput = Type.Object({ email: Type.Optional(Text(320)) }, STRICT);

export const AuthenticationVerifyInput = Type.Object(
  { credential: AuthenticationCredential },
  STRICT,
);
export type AuthenticationVerifyInput = Static<typeof AuthenticationVerifyInput>;

export const PasskeyRenameInput = Type.Object({ name: Text(100) }, STRICT);
