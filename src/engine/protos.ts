/**
 * Loads the engine's proto (`proto/inferadb/engine/v1/vault_lifecycle.proto`) for the client side.
 * Kept apart from src/grpc/protos.ts, which loads only what our own server serves: the engine proto
 * is never served by this process (test/support/engine.ts serves it in tests).
 *
 * The loader options are the same as the server's (keepCase, longs and enums as strings, defaults,
 * oneofs; test/unit/engine/protos.test.ts checks they stay equal), so the generated types of
 * src/engine/generated/ (scripts/grpc-types.ts) describe exactly the objects decoded here.
 */
import { join, resolve } from "node:path";
import { type GrpcObject, loadPackageDefinition, type ServiceDefinition } from "@grpc/grpc-js";
import { loadSync, type PackageDefinition } from "@grpc/proto-loader";

export const ENGINE_PROTO_ROOT = resolve(import.meta.dir, "../../proto");
export const ENGINE_PACKAGE = "inferadb.engine.v1";
export const VAULT_LIFECYCLE_SERVICE = `${ENGINE_PACKAGE}.VaultLifecycleService`;

export const ENGINE_LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [ENGINE_PROTO_ROOT],
};

/** The engine proto files, relative to ENGINE_PROTO_ROOT. */
export function engineProtoFiles(): string[] {
  return [join(...ENGINE_PACKAGE.split("."), "vault_lifecycle.proto")];
}

export interface LoadedEngineProtos {
  packageDefinition: PackageDefinition;
  root: GrpcObject;
  /** The service definition of `inferadb.engine.v1.VaultLifecycleService`. */
  vaultLifecycle: ServiceDefinition;
}

let cached: LoadedEngineProtos | undefined;

/** Loads (once per process) the engine protos. */
export function loadEngineProtos(): LoadedEngineProtos {
  if (cached) return cached;
  const packageDefinition = loadSync(engineProtoFiles(), ENGINE_LOADER_OPTIONS);
  const root = loadPackageDefinition(packageDefinition);
  let node: unknown = root;
  for (const seg of VAULT_LIFECYCLE_SERVICE.split("."))
    node = (node as Record<string, unknown>)?.[seg];
  const def = (node as { service?: ServiceDefinition } | undefined)?.service;
  if (!def) throw new Error(`no such gRPC service in proto/: ${VAULT_LIFECYCLE_SERVICE}`);
  cached = { packageDefinition, root, vaultLifecycle: def };
  return cached;
}
