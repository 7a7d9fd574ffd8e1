// Original file: proto/inferadb/management/v1/token.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateVaultTokenRequest as _inferadb_management_v1_CreateVaultTokenRequest, CreateVaultTokenRequest__Output as _inferadb_management_v1_CreateVaultTokenRequest__Output } from '../../../inferadb/management/v1/CreateVaultTokenRequest';
import type { CreateVaultTokenResponse as _inferadb_management_v1_CreateVaultTokenResponse, CreateVaultTokenResponse__Output as _inferadb_management_v1_CreateVaultTokenResponse__Output } from '../../../inferadb/management/v1/CreateVaultTokenResponse';
import type { ExchangeClientAssertionRequest as _inferadb_management_v1_ExchangeClientAssertionRequest, ExchangeClientAssertionRequest__Output as _inferadb_management_v1_ExchangeClientAssertionRequest__Output } from '../../../inferadb/management/v1/ExchangeClientAssertionRequest';
import type { ExchangeClientAssertionResponse as _inferadb_management_v1_ExchangeClientAssertionResponse, ExchangeClientAssertionResponse__Output as _inferadb_management_v1_ExchangeClientAssertionResponse__Output } from '../../../inferadb/management/v1/ExchangeClientAssertionResponse';
import type { GetJwksRequest as _inferadb_management_v1_GetJwksRequest, GetJwksRequest__Output as _inferadb_management_v1_GetJwksRequest__Output } from '../../../inferadb/management/v1/GetJwksRequest';
import type { GetJwksResponse as _inferadb_management_v1_GetJwksResponse, GetJwksResponse__Output as _inferadb_management_v1_GetJwksResponse__Output } from '../../../inferadb/management/v1/GetJwksResponse';
import type { RefreshVaultTokenRequest as _inferadb_management_v1_RefreshVaultTokenRequest, RefreshVaultTokenRequest__Output as _inferadb_management_v1_RefreshVaultTokenRequest__Output } from '../../../inferadb/management/v1/RefreshVaultTokenRequest';
import type { RefreshVaultTokenResponse as _inferadb_management_v1_RefreshVaultTokenResponse, RefreshVaultTokenResponse__Output as _inferadb_management_v1_RefreshVaultTokenResponse__Output } from '../../../inferadb/management/v1/RefreshVaultTokenResponse';
import type { RevokeVaultTokensRequest as _inferadb_management_v1_RevokeVaultTokensRequest, RevokeVaultTokensRequest__Output as _inferadb_management_v1_RevokeVaultTokensRequest__Output } from '../../../inferadb/management/v1/RevokeVaultTokensRequest';
import type { RevokeVaultTokensResponse as _inferadb_management_v1_RevokeVaultTokensResponse, RevokeVaultTokensResponse__Output as _inferadb_management_v1_RevokeVaultTokensResponse__Output } from '../../../inferadb/management/v1/RevokeVaultTokensResponse';

export interface TokenServiceClient extends grpc.Client {
  CreateVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  createVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  createVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  createVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  createVaultToken(argument: _inferadb_management_v1_CreateVaultTokenRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  
  ExchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  ExchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  ExchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  ExchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  exchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  exchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  exchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  exchangeClientAssertion(argument: _inferadb_management_v1_ExchangeClientAssertionRequest, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeClientAssertionResponse__Output>): grpc.ClientUnaryCall;
  
  GetJwks(argument: _inferadb_management_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _inferadb_management_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _inferadb_management_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _inferadb_management_v1_GetJwksRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _inferadb_management_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _inferadb_management_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _inferadb_management_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _inferadb_management_v1_GetJwksRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetJwksResponse__Output>): grpc.ClientUnaryCall;
  
  RefreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  RefreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  RefreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  RefreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  refreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  refreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  refreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  refreshVaultToken(argument: _inferadb_management_v1_RefreshVaultTokenRequest, callback: grpc.requestCallback<_inferadb_management_v1_RefreshVaultTokenResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  RevokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  RevokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  RevokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  revokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  revokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  revokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  revokeVaultTokens(argument: _inferadb_management_v1_RevokeVaultTokensRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeVaultTokensResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface TokenServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateVaultToken: grpc.handleUnaryCall<_inferadb_management_v1_CreateVaultTokenRequest__Output, _inferadb_management_v1_CreateVaultTokenResponse>;
  
  ExchangeClientAssertion: grpc.handleUnaryCall<_inferadb_management_v1_ExchangeClientAssertionRequest__Output, _inferadb_management_v1_ExchangeClientAssertionResponse>;
  
  GetJwks: grpc.handleUnaryCall<_inferadb_management_v1_GetJwksRequest__Output, _inferadb_management_v1_GetJwksResponse>;
  
  RefreshVaultToken: grpc.handleUnaryCall<_inferadb_management_v1_RefreshVaultTokenRequest__Output, _inferadb_management_v1_RefreshVaultTokenResponse>;
  
  RevokeVaultTokens: grpc.handleUnaryCall<_inferadb_management_v1_RevokeVaultTokensRequest__Output, _inferadb_management_v1_RevokeVaultTokensResponse>;
  
}

export interface TokenServiceDefinition extends grpc.ServiceDefinition {
  CreateVaultToken: MethodDefinition<_inferadb_management_v1_CreateVaultTokenRequest, _inferadb_management_v1_CreateVaultTokenResponse, _inferadb_management_v1_CreateVaultTokenRequest__Output, _inferadb_management_v1_CreateVaultTokenResponse__Output>
  ExchangeClientAssertion: MethodDefinition<_inferadb_management_v1_ExchangeClientAssertionRequest, _inferadb_management_v1_ExchangeClientAssertionResponse, _inferadb_management_v1_ExchangeClientAssertionRequest__Output, _inferadb_management_v1_ExchangeClientAssertionResponse__Output>
  GetJwks: MethodDefinition<_inferadb_management_v1_GetJwksRequest, _inferadb_management_v1_GetJwksResponse, _inferadb_management_v1_GetJwksRequest__Output, _inferadb_management_v1_GetJwksResponse__Output>
  RefreshVaultToken: MethodDefinition<_inferadb_management_v1_RefreshVaultTokenRequest, _inferadb_management_v1_RefreshVaultTokenResponse, _inferadb_management_v1_RefreshVaultTokenRequest__Output, _inferadb_management_v1_RefreshVaultTokenResponse__Output>
  RevokeVaultTokens: MethodDefinition<_inferadb_management_v1_RevokeVaultTokensRequest, _inferadb_management_v1_RevokeVaultTokensResponse, _inferadb_management_v1_RevokeVaultTokensRequest__Output, _inferadb_management_v1_RevokeVaultTokensResponse__Output>
}
