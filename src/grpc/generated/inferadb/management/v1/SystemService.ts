// Original file: proto/inferadb/management/v1/system.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetInfoRequest as _inferadb_management_v1_GetInfoRequest, GetInfoRequest__Output as _inferadb_management_v1_GetInfoRequest__Output } from '../../../inferadb/management/v1/GetInfoRequest';
import type { GetInfoResponse as _inferadb_management_v1_GetInfoResponse, GetInfoResponse__Output as _inferadb_management_v1_GetInfoResponse__Output } from '../../../inferadb/management/v1/GetInfoResponse';

export interface SystemServiceClient extends grpc.Client {
  GetInfo(argument: _inferadb_management_v1_GetInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _inferadb_management_v1_GetInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _inferadb_management_v1_GetInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  GetInfo(argument: _inferadb_management_v1_GetInfoRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _inferadb_management_v1_GetInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _inferadb_management_v1_GetInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _inferadb_management_v1_GetInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  getInfo(argument: _inferadb_management_v1_GetInfoRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetInfoResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SystemServiceHandlers extends grpc.UntypedServiceImplementation {
  GetInfo: grpc.handleUnaryCall<_inferadb_management_v1_GetInfoRequest__Output, _inferadb_management_v1_GetInfoResponse>;
  
}

export interface SystemServiceDefinition extends grpc.ServiceDefinition {
  GetInfo: MethodDefinition<_inferadb_management_v1_GetInfoRequest, _inferadb_management_v1_GetInfoResponse, _inferadb_management_v1_GetInfoRequest__Output, _inferadb_management_v1_GetInfoResponse__Output>
}
