/**
 * Reads of clients and certificates through a reader of committed keys (the organization turn's
 * `ctx.read`, re-validated at commit).
 */
import type { ReadOps } from "../../kv/types.ts";
import { CertificateCodec, ClientCodec } from "./codecs.ts";
import { ClientKeys, ClientRanges } from "./keys.ts";
import type { Certificate, Client } from "./types.ts";

type Reader = Pick<ReadOps, "get" | "getRange">;

export async function readClients(read: Reader, orgId: string): Promise<Client[]> {
  const [begin, end] = ClientRanges.clients(orgId);
  return (await read.getRange(begin, end)).map((row) => ClientCodec.decode(row.value));
}

export async function readClient(
  read: Reader,
  orgId: string,
  clientId: string,
): Promise<Client | undefined> {
  const raw = await read.get(ClientKeys.client(orgId, clientId));
  return raw ? ClientCodec.decode(raw) : undefined;
}

export async function readCertificates(
  read: Reader,
  orgId: string,
  clientId: string,
): Promise<Certificate[]> {
  const [begin, end] = ClientRanges.certificates(orgId, clientId);
  return (await read.getRange(begin, end)).map((row) => CertificateCodec.decode(row.value));
}

export async function readCertificate(
  read: Reader,
  orgId: string,
  clientId: string,
  certId: string,
): Promise<Certificate | undefined> {
  const raw = await read.get(ClientRanges.certificate(orgId, clientId, certId));
  return raw ? CertificateCodec.decode(raw) : undefined;
}
