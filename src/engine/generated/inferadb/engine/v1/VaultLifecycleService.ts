// Original file: proto/inferadb/engine/v1/vault_lifecycle.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateVaultRequest as _inferadb_engine_v1_CreateVaultRequest, CreateVaultRequest__Output as _inferadb_engine_v1_CreateVaultRequest__Output } from '../../../inferadb/engine/v1/CreateVaultRequest';
import type { CreateVaultResponse as _inferadb_engine_v1_CreateVaultResponse, CreateVaultResponse__Output as _inferadb_engine_v1_CreateVaultResponse__Output } from '../../../inferadb/engine/v1/CreateVaultResponse';
import type { DeleteVaultRequest as _inferadb_engine_v1_DeleteVaultRequest, DeleteVaultRequest__Output as _inferadb_engine_v1_DeleteVaultRequest__Output } from '../../../inferadb/engine/v1/DeleteVaultRequest';
import type { DeleteVaultResponse as _inferadb_engine_v1_DeleteVaultResponse, DeleteVaultResponse__Output as _inferadb_engine_v1_DeleteVaultResponse__Output } from '../../../inferadb/engine/v1/DeleteVaultResponse';
import type { GetVaultStatusRequest as _inferadb_engine_v1_GetVaultStatusRequest, GetVaultStatusRequest__Output as _inferadb_engine_v1_GetVaultStatusRequest__Output } from '../../../inferadb/engine/v1/GetVaultStatusRequest';
import type { GetVaultStatusResponse as _inferadb_engine_v1_GetVaultStatusResponse, GetVaultStatusResponse__Output as _inferadb_engine_v1_GetVaultStatusResponse__Output } from '../../../inferadb/engine/v1/GetVaultStatusResponse';

export interface VaultLifecycleServiceClient extends grpc.Client {
  CreateVault(argument: _inferadb_engine_v1_CreateVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  CreateVault(argument: _inferadb_engine_v1_CreateVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  CreateVault(argument: _inferadb_engine_v1_CreateVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  CreateVault(argument: _inferadb_engine_v1_CreateVaultRequest, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_engine_v1_CreateVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_engine_v1_CreateVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_engine_v1_CreateVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_engine_v1_CreateVaultRequest, callback: grpc.requestCallback<_inferadb_engine_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  DeleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  DeleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  DeleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_engine_v1_DeleteVaultRequest, callback: grpc.requestCallback<_inferadb_engine_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  
  GetVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  GetVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  GetVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  GetVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  getVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  getVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  getVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  getVaultStatus(argument: _inferadb_engine_v1_GetVaultStatusRequest, callback: grpc.requestCallback<_inferadb_engine_v1_GetVaultStatusResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface VaultLifecycleServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateVault: grpc.handleUnaryCall<_inferadb_engine_v1_CreateVaultRequest__Output, _inferadb_engine_v1_CreateVaultResponse>;
  
  DeleteVault: grpc.handleUnaryCall<_inferadb_engine_v1_DeleteVaultRequest__Output, _inferadb_engine_v1_DeleteVaultResponse>;
  
  GetVaultStatus: grpc.handleUnaryCall<_inferadb_engine_v1_GetVaultStatusRequest__Output, _inferadb_engine_v1_GetVaultStatusResponse>;
  
}

export interface VaultLifecycleServiceDefinition extends grpc.ServiceDefinition {
  CreateVault: MethodDefinition<_inferadb_engine_v1_CreateVaultRequest, _inferadb_engine_v1_CreateVaultResponse, _inferadb_engine_v1_CreateVaultRequest__Output, _inferadb_engine_v1_CreateVaultResponse__Output>
  DeleteVault: MethodDefinition<_inferadb_engine_v1_DeleteVaultRequest, _inferadb_engine_v1_DeleteVaultResponse, _inferadb_engine_v1_DeleteVaultRequest__Output, _inferadb_engine_v1_DeleteVaultResponse__Output>
  GetVaultStatus: MethodDefinition<_inferadb_engine_v1_GetVaultStatusRequest, _inferadb_engine_v1_GetVaultStatusResponse, _inferadb_engine_v1_GetVaultStatusRequest__Output, _inferadb_engine_v1_GetVaultStatusResponse__Output>
}
