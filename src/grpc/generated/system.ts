import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetInfoRequest as _inferadb_management_v1_GetInfoRequest, GetInfoRequest__Output as _inferadb_management_v1_GetInfoRequest__Output } from './inferadb/management/v1/GetInfoRequest';
import type { GetInfoResponse as _inferadb_management_v1_GetInfoResponse, GetInfoResponse__Output as _inferadb_management_v1_GetInfoResponse__Output } from './inferadb/management/v1/GetInfoResponse';
import type { SystemServiceClient as _inferadb_management_v1_SystemServiceClient, SystemServiceDefinition as _inferadb_management_v1_SystemServiceDefinition } from './inferadb/management/v1/SystemService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        GetInfoRequest: MessageTypeDefinition<_inferadb_management_v1_GetInfoRequest, _inferadb_management_v1_GetInfoRequest__Output>
        GetInfoResponse: MessageTypeDefinition<_inferadb_management_v1_GetInfoResponse, _inferadb_management_v1_GetInfoResponse__Output>
        SystemService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_SystemServiceClient> & { service: _inferadb_management_v1_SystemServiceDefinition }
      }
    }
  }
}

