import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateVaultTokenRequest as _inferadb_management_v1_CreateVaultTokenRequest, CreateVaultTokenRequest__Output as _inferadb_management_v1_CreateVaultTokenRequest__Output } from './inferadb/management/v1/CreateVaultTokenRequest';
import type { CreateVaultTokenResponse as _inferadb_management_v1_CreateVaultTokenResponse, CreateVaultTokenResponse__Output as _inferadb_management_v1_CreateVaultTokenResponse__Output } from './inferadb/management/v1/CreateVaultTokenResponse';
import type { ExchangeClientAssertionRequest as _inferadb_management_v1_ExchangeClientAssertionRequest, ExchangeClientAssertionRequest__Output as _inferadb_management_v1_ExchangeClientAssertionRequest__Output } from './inferadb/management/v1/ExchangeClientAssertionRequest';
import type { ExchangeClientAssertionResponse as _inferadb_management_v1_ExchangeClientAssertionResponse, ExchangeClientAssertionResponse__Output as _inferadb_management_v1_ExchangeClientAssertionResponse__Output } from './inferadb/management/v1/ExchangeClientAssertionResponse';
import type { GetJwksRequest as _inferadb_management_v1_GetJwksRequest, GetJwksRequest__Output as _inferadb_management_v1_GetJwksRequest__Output } from './inferadb/management/v1/GetJwksRequest';
import type { GetJwksResponse as _inferadb_management_v1_GetJwksResponse, GetJwksResponse__Output as _inferadb_management_v1_GetJwksResponse__Output } from './inferadb/management/v1/GetJwksResponse';
import type { Jwk as _inferadb_management_v1_Jwk, Jwk__Output as _inferadb_management_v1_Jwk__Output } from './inferadb/management/v1/Jwk';
import type { RefreshVaultTokenRequest as _inferadb_management_v1_RefreshVaultTokenRequest, RefreshVaultTokenRequest__Output as _inferadb_management_v1_RefreshVaultTokenRequest__Output } from './inferadb/management/v1/RefreshVaultTokenRequest';
import type { RefreshVaultTokenResponse as _inferadb_management_v1_RefreshVaultTokenResponse, RefreshVaultTokenResponse__Output as _inferadb_management_v1_RefreshVaultTokenResponse__Output } from './inferadb/management/v1/RefreshVaultTokenResponse';
import type { RevokeVaultTokensRequest as _inferadb_management_v1_RevokeVaultTokensRequest, RevokeVaultTokensRequest__Output as _inferadb_management_v1_RevokeVaultTokensRequest__Output } from './inferadb/management/v1/RevokeVaultTokensRequest';
import type { RevokeVaultTokensResponse as _inferadb_management_v1_RevokeVaultTokensResponse, RevokeVaultTokensResponse__Output as _inferadb_management_v1_RevokeVaultTokensResponse__Output } from './inferadb/management/v1/RevokeVaultTokensResponse';
import type { TokenServiceClient as _inferadb_management_v1_TokenServiceClient, TokenServiceDefinition as _inferadb_management_v1_TokenServiceDefinition } from './inferadb/management/v1/TokenService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        CreateVaultTokenRequest: MessageTypeDefinition<_inferadb_management_v1_CreateVaultTokenRequest, _inferadb_management_v1_CreateVaultTokenRequest__Output>
        CreateVaultTokenResponse: MessageTypeDefinition<_inferadb_management_v1_CreateVaultTokenResponse, _inferadb_management_v1_CreateVaultTokenResponse__Output>
        ExchangeClientAssertionRequest: MessageTypeDefinition<_inferadb_management_v1_ExchangeClientAssertionRequest, _inferadb_management_v1_ExchangeClientAssertionRequest__Output>
        ExchangeClientAssertionResponse: MessageTypeDefinition<_inferadb_management_v1_ExchangeClientAssertionResponse, _inferadb_management_v1_ExchangeClientAssertionResponse__Output>
        GetJwksRequest: MessageTypeDefinition<_inferadb_management_v1_GetJwksRequest, _inferadb_management_v1_GetJwksRequest__Output>
        GetJwksResponse: MessageTypeDefinition<_inferadb_management_v1_GetJwksResponse, _inferadb_management_v1_GetJwksResponse__Output>
        Jwk: MessageTypeDefinition<_inferadb_management_v1_Jwk, _inferadb_management_v1_Jwk__Output>
        RefreshVaultTokenRequest: MessageTypeDefinition<_inferadb_management_v1_RefreshVaultTokenRequest, _inferadb_management_v1_RefreshVaultTokenRequest__Output>
        RefreshVaultTokenResponse: MessageTypeDefinition<_inferadb_management_v1_RefreshVaultTokenResponse, _inferadb_management_v1_RefreshVaultTokenResponse__Output>
        RevokeVaultTokensRequest: MessageTypeDefinition<_inferadb_management_v1_RevokeVaultTokensRequest, _inferadb_management_v1_RevokeVaultTokensRequest__Output>
        RevokeVaultTokensResponse: MessageTypeDefinition<_inferadb_management_v1_RevokeVaultTokensResponse, _inferadb_management_v1_RevokeVaultTokensResponse__Output>
        TokenService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_TokenServiceClient> & { service: _inferadb_management_v1_TokenServiceDefinition }
      }
    }
  }
}

