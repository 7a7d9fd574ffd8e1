import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateClientGrantRequest as _inferadb_management_v1_CreateClientGrantRequest, CreateClientGrantRequest__Output as _inferadb_management_v1_CreateClientGrantRequest__Output } from './inferadb/management/v1/CreateClientGrantRequest';
import type { CreateClientGrantResponse as _inferadb_management_v1_CreateClientGrantResponse, CreateClientGrantResponse__Output as _inferadb_management_v1_CreateClientGrantResponse__Output } from './inferadb/management/v1/CreateClientGrantResponse';
import type { CreateTeamGrantRequest as _inferadb_management_v1_CreateTeamGrantRequest, CreateTeamGrantRequest__Output as _inferadb_management_v1_CreateTeamGrantRequest__Output } from './inferadb/management/v1/CreateTeamGrantRequest';
import type { CreateTeamGrantResponse as _inferadb_management_v1_CreateTeamGrantResponse, CreateTeamGrantResponse__Output as _inferadb_management_v1_CreateTeamGrantResponse__Output } from './inferadb/management/v1/CreateTeamGrantResponse';
import type { CreateUserGrantRequest as _inferadb_management_v1_CreateUserGrantRequest, CreateUserGrantRequest__Output as _inferadb_management_v1_CreateUserGrantRequest__Output } from './inferadb/management/v1/CreateUserGrantRequest';
import type { CreateUserGrantResponse as _inferadb_management_v1_CreateUserGrantResponse, CreateUserGrantResponse__Output as _inferadb_management_v1_CreateUserGrantResponse__Output } from './inferadb/management/v1/CreateUserGrantResponse';
import type { CreateVaultRequest as _inferadb_management_v1_CreateVaultRequest, CreateVaultRequest__Output as _inferadb_management_v1_CreateVaultRequest__Output } from './inferadb/management/v1/CreateVaultRequest';
import type { CreateVaultResponse as _inferadb_management_v1_CreateVaultResponse, CreateVaultResponse__Output as _inferadb_management_v1_CreateVaultResponse__Output } from './inferadb/management/v1/CreateVaultResponse';
import type { DeleteClientGrantRequest as _inferadb_management_v1_DeleteClientGrantRequest, DeleteClientGrantRequest__Output as _inferadb_management_v1_DeleteClientGrantRequest__Output } from './inferadb/management/v1/DeleteClientGrantRequest';
import type { DeleteClientGrantResponse as _inferadb_management_v1_DeleteClientGrantResponse, DeleteClientGrantResponse__Output as _inferadb_management_v1_DeleteClientGrantResponse__Output } from './inferadb/management/v1/DeleteClientGrantResponse';
import type { DeleteTeamGrantRequest as _inferadb_management_v1_DeleteTeamGrantRequest, DeleteTeamGrantRequest__Output as _inferadb_management_v1_DeleteTeamGrantRequest__Output } from './inferadb/management/v1/DeleteTeamGrantRequest';
import type { DeleteTeamGrantResponse as _inferadb_management_v1_DeleteTeamGrantResponse, DeleteTeamGrantResponse__Output as _inferadb_management_v1_DeleteTeamGrantResponse__Output } from './inferadb/management/v1/DeleteTeamGrantResponse';
import type { DeleteUserGrantRequest as _inferadb_management_v1_DeleteUserGrantRequest, DeleteUserGrantRequest__Output as _inferadb_management_v1_DeleteUserGrantRequest__Output } from './inferadb/management/v1/DeleteUserGrantRequest';
import type { DeleteUserGrantResponse as _inferadb_management_v1_DeleteUserGrantResponse, DeleteUserGrantResponse__Output as _inferadb_management_v1_DeleteUserGrantResponse__Output } from './inferadb/management/v1/DeleteUserGrantResponse';
import type { DeleteVaultRequest as _inferadb_management_v1_DeleteVaultRequest, DeleteVaultRequest__Output as _inferadb_management_v1_DeleteVaultRequest__Output } from './inferadb/management/v1/DeleteVaultRequest';
import type { DeleteVaultResponse as _inferadb_management_v1_DeleteVaultResponse, DeleteVaultResponse__Output as _inferadb_management_v1_DeleteVaultResponse__Output } from './inferadb/management/v1/DeleteVaultResponse';
import type { GetClientGrantRequest as _inferadb_management_v1_GetClientGrantRequest, GetClientGrantRequest__Output as _inferadb_management_v1_GetClientGrantRequest__Output } from './inferadb/management/v1/GetClientGrantRequest';
import type { GetClientGrantResponse as _inferadb_management_v1_GetClientGrantResponse, GetClientGrantResponse__Output as _inferadb_management_v1_GetClientGrantResponse__Output } from './inferadb/management/v1/GetClientGrantResponse';
import type { GetTeamGrantRequest as _inferadb_management_v1_GetTeamGrantRequest, GetTeamGrantRequest__Output as _inferadb_management_v1_GetTeamGrantRequest__Output } from './inferadb/management/v1/GetTeamGrantRequest';
import type { GetTeamGrantResponse as _inferadb_management_v1_GetTeamGrantResponse, GetTeamGrantResponse__Output as _inferadb_management_v1_GetTeamGrantResponse__Output } from './inferadb/management/v1/GetTeamGrantResponse';
import type { GetUserGrantRequest as _inferadb_management_v1_GetUserGrantRequest, GetUserGrantRequest__Output as _inferadb_management_v1_GetUserGrantRequest__Output } from './inferadb/management/v1/GetUserGrantRequest';
import type { GetUserGrantResponse as _inferadb_management_v1_GetUserGrantResponse, GetUserGrantResponse__Output as _inferadb_management_v1_GetUserGrantResponse__Output } from './inferadb/management/v1/GetUserGrantResponse';
import type { GetVaultRequest as _inferadb_management_v1_GetVaultRequest, GetVaultRequest__Output as _inferadb_management_v1_GetVaultRequest__Output } from './inferadb/management/v1/GetVaultRequest';
import type { GetVaultResponse as _inferadb_management_v1_GetVaultResponse, GetVaultResponse__Output as _inferadb_management_v1_GetVaultResponse__Output } from './inferadb/management/v1/GetVaultResponse';
import type { ListClientGrantsRequest as _inferadb_management_v1_ListClientGrantsRequest, ListClientGrantsRequest__Output as _inferadb_management_v1_ListClientGrantsRequest__Output } from './inferadb/management/v1/ListClientGrantsRequest';
import type { ListClientGrantsResponse as _inferadb_management_v1_ListClientGrantsResponse, ListClientGrantsResponse__Output as _inferadb_management_v1_ListClientGrantsResponse__Output } from './inferadb/management/v1/ListClientGrantsResponse';
import type { ListTeamGrantsRequest as _inferadb_management_v1_ListTeamGrantsRequest, ListTeamGrantsRequest__Output as _inferadb_management_v1_ListTeamGrantsRequest__Output } from './inferadb/management/v1/ListTeamGrantsRequest';
import type { ListTeamGrantsResponse as _inferadb_management_v1_ListTeamGrantsResponse, ListTeamGrantsResponse__Output as _inferadb_management_v1_ListTeamGrantsResponse__Output } from './inferadb/management/v1/ListTeamGrantsResponse';
import type { ListUserGrantsRequest as _inferadb_management_v1_ListUserGrantsRequest, ListUserGrantsRequest__Output as _inferadb_management_v1_ListUserGrantsRequest__Output } from './inferadb/management/v1/ListUserGrantsRequest';
import type { ListUserGrantsResponse as _inferadb_management_v1_ListUserGrantsResponse, ListUserGrantsResponse__Output as _inferadb_management_v1_ListUserGrantsResponse__Output } from './inferadb/management/v1/ListUserGrantsResponse';
import type { ListVaultsRequest as _inferadb_management_v1_ListVaultsRequest, ListVaultsRequest__Output as _inferadb_management_v1_ListVaultsRequest__Output } from './inferadb/management/v1/ListVaultsRequest';
import type { ListVaultsResponse as _inferadb_management_v1_ListVaultsResponse, ListVaultsResponse__Output as _inferadb_management_v1_ListVaultsResponse__Output } from './inferadb/management/v1/ListVaultsResponse';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from './inferadb/management/v1/Pagination';
import type { UpdateClientGrantRequest as _inferadb_management_v1_UpdateClientGrantRequest, UpdateClientGrantRequest__Output as _inferadb_management_v1_UpdateClientGrantRequest__Output } from './inferadb/management/v1/UpdateClientGrantRequest';
import type { UpdateClientGrantResponse as _inferadb_management_v1_UpdateClientGrantResponse, UpdateClientGrantResponse__Output as _inferadb_management_v1_UpdateClientGrantResponse__Output } from './inferadb/management/v1/UpdateClientGrantResponse';
import type { UpdateTeamGrantRequest as _inferadb_management_v1_UpdateTeamGrantRequest, UpdateTeamGrantRequest__Output as _inferadb_management_v1_UpdateTeamGrantRequest__Output } from './inferadb/management/v1/UpdateTeamGrantRequest';
import type { UpdateTeamGrantResponse as _inferadb_management_v1_UpdateTeamGrantResponse, UpdateTeamGrantResponse__Output as _inferadb_management_v1_UpdateTeamGrantResponse__Output } from './inferadb/management/v1/UpdateTeamGrantResponse';
import type { UpdateUserGrantRequest as _inferadb_management_v1_UpdateUserGrantRequest, UpdateUserGrantRequest__Output as _inferadb_management_v1_UpdateUserGrantRequest__Output } from './inferadb/management/v1/UpdateUserGrantRequest';
import type { UpdateUserGrantResponse as _inferadb_management_v1_UpdateUserGrantResponse, UpdateUserGrantResponse__Output as _inferadb_management_v1_UpdateUserGrantResponse__Output } from './inferadb/management/v1/UpdateUserGrantResponse';
import type { UpdateVaultRequest as _inferadb_management_v1_UpdateVaultRequest, UpdateVaultRequest__Output as _inferadb_management_v1_UpdateVaultRequest__Output } from './inferadb/management/v1/UpdateVaultRequest';
import type { UpdateVaultResponse as _inferadb_management_v1_UpdateVaultResponse, UpdateVaultResponse__Output as _inferadb_management_v1_UpdateVaultResponse__Output } from './inferadb/management/v1/UpdateVaultResponse';
import type { Vault as _inferadb_management_v1_Vault, Vault__Output as _inferadb_management_v1_Vault__Output } from './inferadb/management/v1/Vault';
import type { VaultClientGrant as _inferadb_management_v1_VaultClientGrant, VaultClientGrant__Output as _inferadb_management_v1_VaultClientGrant__Output } from './inferadb/management/v1/VaultClientGrant';
import type { VaultServiceClient as _inferadb_management_v1_VaultServiceClient, VaultServiceDefinition as _inferadb_management_v1_VaultServiceDefinition } from './inferadb/management/v1/VaultService';
import type { VaultTeamGrant as _inferadb_management_v1_VaultTeamGrant, VaultTeamGrant__Output as _inferadb_management_v1_VaultTeamGrant__Output } from './inferadb/management/v1/VaultTeamGrant';
import type { VaultUserGrant as _inferadb_management_v1_VaultUserGrant, VaultUserGrant__Output as _inferadb_management_v1_VaultUserGrant__Output } from './inferadb/management/v1/VaultUserGrant';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        CreateClientGrantRequest: MessageTypeDefinition<_inferadb_management_v1_CreateClientGrantRequest, _inferadb_management_v1_CreateClientGrantRequest__Output>
        CreateClientGrantResponse: MessageTypeDefinition<_inferadb_management_v1_CreateClientGrantResponse, _inferadb_management_v1_CreateClientGrantResponse__Output>
        CreateTeamGrantRequest: MessageTypeDefinition<_inferadb_management_v1_CreateTeamGrantRequest, _inferadb_management_v1_CreateTeamGrantRequest__Output>
        CreateTeamGrantResponse: MessageTypeDefinition<_inferadb_management_v1_CreateTeamGrantResponse, _inferadb_management_v1_CreateTeamGrantResponse__Output>
        CreateUserGrantRequest: MessageTypeDefinition<_inferadb_management_v1_CreateUserGrantRequest, _inferadb_management_v1_CreateUserGrantRequest__Output>
        CreateUserGrantResponse: MessageTypeDefinition<_inferadb_management_v1_CreateUserGrantResponse, _inferadb_management_v1_CreateUserGrantResponse__Output>
        CreateVaultRequest: MessageTypeDefinition<_inferadb_management_v1_CreateVaultRequest, _inferadb_management_v1_CreateVaultRequest__Output>
        CreateVaultResponse: MessageTypeDefinition<_inferadb_management_v1_CreateVaultResponse, _inferadb_management_v1_CreateVaultResponse__Output>
        DeleteClientGrantRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteClientGrantRequest, _inferadb_management_v1_DeleteClientGrantRequest__Output>
        DeleteClientGrantResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteClientGrantResponse, _inferadb_management_v1_DeleteClientGrantResponse__Output>
        DeleteTeamGrantRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteTeamGrantRequest, _inferadb_management_v1_DeleteTeamGrantRequest__Output>
        DeleteTeamGrantResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteTeamGrantResponse, _inferadb_management_v1_DeleteTeamGrantResponse__Output>
        DeleteUserGrantRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteUserGrantRequest, _inferadb_management_v1_DeleteUserGrantRequest__Output>
        DeleteUserGrantResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteUserGrantResponse, _inferadb_management_v1_DeleteUserGrantResponse__Output>
        DeleteVaultRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteVaultRequest, _inferadb_management_v1_DeleteVaultRequest__Output>
        DeleteVaultResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteVaultResponse, _inferadb_management_v1_DeleteVaultResponse__Output>
        GetClientGrantRequest: MessageTypeDefinition<_inferadb_management_v1_GetClientGrantRequest, _inferadb_management_v1_GetClientGrantRequest__Output>
        GetClientGrantResponse: MessageTypeDefinition<_inferadb_management_v1_GetClientGrantResponse, _inferadb_management_v1_GetClientGrantResponse__Output>
        GetTeamGrantRequest: MessageTypeDefinition<_inferadb_management_v1_GetTeamGrantRequest, _inferadb_management_v1_GetTeamGrantRequest__Output>
        GetTeamGrantResponse: MessageTypeDefinition<_inferadb_management_v1_GetTeamGrantResponse, _inferadb_management_v1_GetTeamGrantResponse__Output>
        GetUserGrantRequest: MessageTypeDefinition<_inferadb_management_v1_GetUserGrantRequest, _inferadb_management_v1_GetUserGrantRequest__Output>
        GetUserGrantResponse: MessageTypeDefinition<_inferadb_management_v1_GetUserGrantResponse, _inferadb_management_v1_GetUserGrantResponse__Output>
        GetVaultRequest: MessageTypeDefinition<_inferadb_management_v1_GetVaultRequest, _inferadb_management_v1_GetVaultRequest__Output>
        GetVaultResponse: MessageTypeDefinition<_inferadb_management_v1_GetVaultResponse, _inferadb_management_v1_GetVaultResponse__Output>
        ListClientGrantsRequest: MessageTypeDefinition<_inferadb_management_v1_ListClientGrantsRequest, _inferadb_management_v1_ListClientGrantsRequest__Output>
        ListClientGrantsResponse: MessageTypeDefinition<_inferadb_management_v1_ListClientGrantsResponse, _inferadb_management_v1_ListClientGrantsResponse__Output>
        ListTeamGrantsRequest: MessageTypeDefinition<_inferadb_management_v1_ListTeamGrantsRequest, _inferadb_management_v1_ListTeamGrantsRequest__Output>
        ListTeamGrantsResponse: MessageTypeDefinition<_inferadb_management_v1_ListTeamGrantsResponse, _inferadb_management_v1_ListTeamGrantsResponse__Output>
        ListUserGrantsRequest: MessageTypeDefinition<_inferadb_management_v1_ListUserGrantsRequest, _inferadb_management_v1_ListUserGrantsRequest__Output>
        ListUserGrantsResponse: MessageTypeDefinition<_inferadb_management_v1_ListUserGrantsResponse, _inferadb_management_v1_ListUserGrantsResponse__Output>
        ListVaultsRequest: MessageTypeDefinition<_inferadb_management_v1_ListVaultsRequest, _inferadb_management_v1_ListVaultsRequest__Output>
        ListVaultsResponse: MessageTypeDefinition<_inferadb_management_v1_ListVaultsResponse, _inferadb_management_v1_ListVaultsResponse__Output>
        Pagination: MessageTypeDefinition<_inferadb_management_v1_Pagination, _inferadb_management_v1_Pagination__Output>
        UpdateClientGrantRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateClientGrantRequest, _inferadb_management_v1_UpdateClientGrantRequest__Output>
        UpdateClientGrantResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateClientGrantResponse, _inferadb_management_v1_UpdateClientGrantResponse__Output>
        UpdateTeamGrantRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateTeamGrantRequest, _inferadb_management_v1_UpdateTeamGrantRequest__Output>
        UpdateTeamGrantResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateTeamGrantResponse, _inferadb_management_v1_UpdateTeamGrantResponse__Output>
        UpdateUserGrantRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateUserGrantRequest, _inferadb_management_v1_UpdateUserGrantRequest__Output>
        UpdateUserGrantResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateUserGrantResponse, _inferadb_management_v1_UpdateUserGrantResponse__Output>
        UpdateVaultRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateVaultRequest, _inferadb_management_v1_UpdateVaultRequest__Output>
        UpdateVaultResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateVaultResponse, _inferadb_management_v1_UpdateVaultResponse__Output>
        Vault: MessageTypeDefinition<_inferadb_management_v1_Vault, _inferadb_management_v1_Vault__Output>
        VaultClientGrant: MessageTypeDefinition<_inferadb_management_v1_VaultClientGrant, _inferadb_management_v1_VaultClientGrant__Output>
        VaultService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_VaultServiceClient> & { service: _inferadb_management_v1_VaultServiceDefinition }
        VaultTeamGrant: MessageTypeDefinition<_inferadb_management_v1_VaultTeamGrant, _inferadb_management_v1_VaultTeamGrant__Output>
        VaultUserGrant: MessageTypeDefinition<_inferadb_management_v1_VaultUserGrant, _inferadb_management_v1_VaultUserGrant__Output>
      }
    }
  }
}

