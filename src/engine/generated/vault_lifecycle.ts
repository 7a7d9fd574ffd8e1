import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateVaultRequest as _inferadb_engine_v1_CreateVaultRequest, CreateVaultRequest__Output as _inferadb_engine_v1_CreateVaultRequest__Output } from './inferadb/engine/v1/CreateVaultRequest';
import type { CreateVaultResponse as _inferadb_engine_v1_CreateVaultResponse, CreateVaultResponse__Output as _inferadb_engine_v1_CreateVaultResponse__Output } from './inferadb/engine/v1/CreateVaultResponse';
import type { DeleteVaultRequest as _inferadb_engine_v1_DeleteVaultRequest, DeleteVaultRequest__Output as _inferadb_engine_v1_DeleteVaultRequest__Output } from './inferadb/engine/v1/DeleteVaultRequest';
import type { DeleteVaultResponse as _inferadb_engine_v1_DeleteVaultResponse, DeleteVaultResponse__Output as _inferadb_engine_v1_DeleteVaultResponse__Output } from './inferadb/engine/v1/DeleteVaultResponse';
import type { GetVaultStatusRequest as _inferadb_engine_v1_GetVaultStatusRequest, GetVaultStatusRequest__Output as _inferadb_engine_v1_GetVaultStatusRequest__Output } from './inferadb/engine/v1/GetVaultStatusRequest';
import type { GetVaultStatusResponse as _inferadb_engine_v1_GetVaultStatusResponse, GetVaultStatusResponse__Output as _inferadb_engine_v1_GetVaultStatusResponse__Output } from './inferadb/engine/v1/GetVaultStatusResponse';
import type { VaultLifecycleServiceClient as _inferadb_engine_v1_VaultLifecycleServiceClient, VaultLifecycleServiceDefinition as _inferadb_engine_v1_VaultLifecycleServiceDefinition } from './inferadb/engine/v1/VaultLifecycleService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    engine: {
      v1: {
        CreateVaultRequest: MessageTypeDefinition<_inferadb_engine_v1_CreateVaultRequest, _inferadb_engine_v1_CreateVaultRequest__Output>
        CreateVaultResponse: MessageTypeDefinition<_inferadb_engine_v1_CreateVaultResponse, _inferadb_engine_v1_CreateVaultResponse__Output>
        DeleteVaultRequest: MessageTypeDefinition<_inferadb_engine_v1_DeleteVaultRequest, _inferadb_engine_v1_DeleteVaultRequest__Output>
        DeleteVaultResponse: MessageTypeDefinition<_inferadb_engine_v1_DeleteVaultResponse, _inferadb_engine_v1_DeleteVaultResponse__Output>
        GetVaultStatusRequest: MessageTypeDefinition<_inferadb_engine_v1_GetVaultStatusRequest, _inferadb_engine_v1_GetVaultStatusRequest__Output>
        GetVaultStatusResponse: MessageTypeDefinition<_inferadb_engine_v1_GetVaultStatusResponse, _inferadb_engine_v1_GetVaultStatusResponse__Output>
        VaultLifecycleService: SubtypeConstructor<typeof grpc.Client, _inferadb_engine_v1_VaultLifecycleServiceClient> & { service: _inferadb_engine_v1_VaultLifecycleServiceDefinition }
      }
    }
  }
}

