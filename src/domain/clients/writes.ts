/** Pure write builders (`Mutation[]`) for clients and certificates under Roots.client (./keys.ts). */
import type { Mutation } from "../../kv/types.ts";
import { CertificateCodec, ClientCodec } from "./codecs.ts";
import { ClientKeys, ClientRanges } from "./keys.ts";
import type { Certificate, Client } from "./types.ts";

export function putClientWrites(c: Client): Mutation[] {
  return [{ op: "set", key: ClientKeys.client(c.org_id, c.id), value: ClientCodec.encode(c) }];
}

/** Removes a client with every certificate it has. */
export function deleteClientWrites(c: Client): Mutation[] {
  const [begin, end] = ClientRanges.certificates(c.org_id, c.id);
  return [
    { op: "clear", key: ClientKeys.client(c.org_id, c.id) },
    { op: "clearRange", begin, end },
  ];
}

export function putCertificateWrites(c: Certificate): Mutation[] {
  return [
    {
      op: "set",
      key: ClientRanges.certificate(c.org_id, c.client_id, c.id),
      value: CertificateCodec.encode(c),
    },
  ];
}

export function deleteCertificateWrites(c: Certificate): Mutation[] {
  return [{ op: "clear", key: ClientRanges.certificate(c.org_id, c.client_id, c.id) }];
}
