/** Versioned codecs of client and certificate records (src/kv/codec.ts). Version 1. */
import { defineCodec } from "../../kv/codec.ts";
import { requireStrings } from "../organizations/codecs.ts";
import type { Certificate, Client } from "./types.ts";

export const ClientCodec = defineCodec<Client>({
  name: "client",
  version: 1,
  validate: requireStrings("client", ["id", "org_id", "name"]),
});

export const CertificateCodec = defineCodec<Certificate>({
  name: "client_certificate",
  version: 1,
  validate: requireStrings("client_certificate", [
    "id",
    "org_id",
    "client_id",
    "kid",
    "public_key",
    "sealed_private_key",
  ]),
});
