/**
 * Loads the protobuf definitions served by the gRPC front: the standard `grpc.health.v1` and every
 * `.proto` under `proto/inferadb/management/v1/` (so a feature adds a service by adding its file).
 * Loaded at runtime with @grpc/proto-loader. Field names keep their snake_case; 64-bit integers and
 * enums load as strings; default values are filled in. The TypeScript types of these messages and
 * services are generated with the same options into src/grpc/generated/ (scripts/grpc-types.ts;
 * CI fails when they are stale).
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type GrpcObject, loadPackageDefinition, type ServiceDefinition } from "@grpc/grpc-js";
import { loadSync, type PackageDefinition } from "@grpc/proto-loader";

export const PROTO_ROOT = resolve(import.meta.dir, "../../proto");
export const OUR_PACKAGE = "inferadb.management.v1";
const OUR_DIR = join(PROTO_ROOT, ...OUR_PACKAGE.split("."));

export const LOADER_OPTIONS = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};

/** Proto files, relative to PROTO_ROOT, in a stable order. */
export function protoFiles(): string[] {
  const ours = readdirSync(OUR_DIR)
    .filter((f) => f.endsWith(".proto"))
    .sort()
    .map((f) => join(...OUR_PACKAGE.split("."), f));
  return ["grpc/health/v1/health.proto", ...ours];
}

export interface LoadedProtos {
  packageDefinition: PackageDefinition;
  root: GrpcObject;
  /** The definition of a fully qualified service (`inferadb.management.v1.SystemService`). */
  service(fullName: string): ServiceDefinition;
}

export function loadProtos(): LoadedProtos {
  const packageDefinition = loadSync(protoFiles(), LOADER_OPTIONS);
  const root = loadPackageDefinition(packageDefinition);
  return {
    packageDefinition,
    root,
    service(fullName) {
      let node: unknown = root;
      for (const seg of fullName.split(".")) node = (node as Record<string, unknown>)?.[seg];
      const def = (node as { service?: ServiceDefinition } | undefined)?.service;
      if (!def) throw new Error(`no such gRPC service in proto/: ${fullName}`);
      return def;
    },
  };
}
