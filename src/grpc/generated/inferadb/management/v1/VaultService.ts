// Original file: proto/inferadb/management/v1/vault.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateClientGrantRequest as _inferadb_management_v1_CreateClientGrantRequest, CreateClientGrantRequest__Output as _inferadb_management_v1_CreateClientGrantRequest__Output } from '../../../inferadb/management/v1/CreateClientGrantRequest';
import type { CreateClientGrantResponse as _inferadb_management_v1_CreateClientGrantResponse, CreateClientGrantResponse__Output as _inferadb_management_v1_CreateClientGrantResponse__Output } from '../../../inferadb/management/v1/CreateClientGrantResponse';
import type { CreateTeamGrantRequest as _inferadb_management_v1_CreateTeamGrantRequest, CreateTeamGrantRequest__Output as _inferadb_management_v1_CreateTeamGrantRequest__Output } from '../../../inferadb/management/v1/CreateTeamGrantRequest';
import type { CreateTeamGrantResponse as _inferadb_management_v1_CreateTeamGrantResponse, CreateTeamGrantResponse__Output as _inferadb_management_v1_CreateTeamGrantResponse__Output } from '../../../inferadb/management/v1/CreateTeamGrantResponse';
import type { CreateUserGrantRequest as _inferadb_management_v1_CreateUserGrantRequest, CreateUserGrantRequest__Output as _inferadb_management_v1_CreateUserGrantRequest__Output } from '../../../inferadb/management/v1/CreateUserGrantRequest';
import type { CreateUserGrantResponse as _inferadb_management_v1_CreateUserGrantResponse, CreateUserGrantResponse__Output as _inferadb_management_v1_CreateUserGrantResponse__Output } from '../../../inferadb/management/v1/CreateUserGrantResponse';
import type { CreateVaultRequest as _inferadb_management_v1_CreateVaultRequest, CreateVaultRequest__Output as _inferadb_management_v1_CreateVaultRequest__Output } from '../../../inferadb/management/v1/CreateVaultRequest';
import type { CreateVaultResponse as _inferadb_management_v1_CreateVaultResponse, CreateVaultResponse__Output as _inferadb_management_v1_CreateVaultResponse__Output } from '../../../inferadb/management/v1/CreateVaultResponse';
import type { DeleteClientGrantRequest as _inferadb_management_v1_DeleteClientGrantRequest, DeleteClientGrantRequest__Output as _inferadb_management_v1_DeleteClientGrantRequest__Output } from '../../../inferadb/management/v1/DeleteClientGrantRequest';
import type { DeleteClientGrantResponse as _inferadb_management_v1_DeleteClientGrantResponse, DeleteClientGrantResponse__Output as _inferadb_management_v1_DeleteClientGrantResponse__Output } from '../../../inferadb/management/v1/DeleteClientGrantResponse';
import type { DeleteTeamGrantRequest as _inferadb_management_v1_DeleteTeamGrantRequest, DeleteTeamGrantRequest__Output as _inferadb_management_v1_DeleteTeamGrantRequest__Output } from '../../../inferadb/management/v1/DeleteTeamGrantRequest';
import type { DeleteTeamGrantResponse as _inferadb_management_v1_DeleteTeamGrantResponse, DeleteTeamGrantResponse__Output as _inferadb_management_v1_DeleteTeamGrantResponse__Output } from '../../../inferadb/management/v1/DeleteTeamGrantResponse';
import type { DeleteUserGrantRequest as _inferadb_management_v1_DeleteUserGrantRequest, DeleteUserGrantRequest__Output as _inferadb_management_v1_DeleteUserGrantRequest__Output } from '../../../inferadb/management/v1/DeleteUserGrantRequest';
import type { DeleteUserGrantResponse as _inferadb_management_v1_DeleteUserGrantResponse, DeleteUserGrantResponse__Output as _inferadb_management_v1_DeleteUserGrantResponse__Output } from '../../../inferadb/management/v1/DeleteUserGrantResponse';
import type { DeleteVaultRequest as _inferadb_management_v1_DeleteVaultRequest, DeleteVaultRequest__Output as _inferadb_management_v1_DeleteVaultRequest__Output } from '../../../inferadb/management/v1/DeleteVaultRequest';
import type { DeleteVaultResponse as _inferadb_management_v1_DeleteVaultResponse, DeleteVaultResponse__Output as _inferadb_management_v1_DeleteVaultResponse__Output } from '../../../inferadb/management/v1/DeleteVaultResponse';
import type { GetClientGrantRequest as _inferadb_management_v1_GetClientGrantRequest, GetClientGrantRequest__Output as _inferadb_management_v1_GetClientGrantRequest__Output } from '../../../inferadb/management/v1/GetClientGrantRequest';
import type { GetClientGrantResponse as _inferadb_management_v1_GetClientGrantResponse, GetClientGrantResponse__Output as _inferadb_management_v1_GetClientGrantResponse__Output } from '../../../inferadb/management/v1/GetClientGrantResponse';
import type { GetTeamGrantRequest as _inferadb_management_v1_GetTeamGrantRequest, GetTeamGrantRequest__Output as _inferadb_management_v1_GetTeamGrantRequest__Output } from '../../../inferadb/management/v1/GetTeamGrantRequest';
import type { GetTeamGrantResponse as _inferadb_management_v1_GetTeamGrantResponse, GetTeamGrantResponse__Output as _inferadb_management_v1_GetTeamGrantResponse__Output } from '../../../inferadb/management/v1/GetTeamGrantResponse';
import type { GetUserGrantRequest as _inferadb_management_v1_GetUserGrantRequest, GetUserGrantRequest__Output as _inferadb_management_v1_GetUserGrantRequest__Output } from '../../../inferadb/management/v1/GetUserGrantRequest';
import type { GetUserGrantResponse as _inferadb_management_v1_GetUserGrantResponse, GetUserGrantResponse__Output as _inferadb_management_v1_GetUserGrantResponse__Output } from '../../../inferadb/management/v1/GetUserGrantResponse';
import type { GetVaultRequest as _inferadb_management_v1_GetVaultRequest, GetVaultRequest__Output as _inferadb_management_v1_GetVaultRequest__Output } from '../../../inferadb/management/v1/GetVaultRequest';
import type { GetVaultResponse as _inferadb_management_v1_GetVaultResponse, GetVaultResponse__Output as _inferadb_management_v1_GetVaultResponse__Output } from '../../../inferadb/management/v1/GetVaultResponse';
import type { ListClientGrantsRequest as _inferadb_management_v1_ListClientGrantsRequest, ListClientGrantsRequest__Output as _inferadb_management_v1_ListClientGrantsRequest__Output } from '../../../inferadb/management/v1/ListClientGrantsRequest';
import type { ListClientGrantsResponse as _inferadb_management_v1_ListClientGrantsResponse, ListClientGrantsResponse__Output as _inferadb_management_v1_ListClientGrantsResponse__Output } from '../../../inferadb/management/v1/ListClientGrantsResponse';
import type { ListTeamGrantsRequest as _inferadb_management_v1_ListTeamGrantsRequest, ListTeamGrantsRequest__Output as _inferadb_management_v1_ListTeamGrantsRequest__Output } from '../../../inferadb/management/v1/ListTeamGrantsRequest';
import type { ListTeamGrantsResponse as _inferadb_management_v1_ListTeamGrantsResponse, ListTeamGrantsResponse__Output as _inferadb_management_v1_ListTeamGrantsResponse__Output } from '../../../inferadb/management/v1/ListTeamGrantsResponse';
import type { ListUserGrantsRequest as _inferadb_management_v1_ListUserGrantsRequest, ListUserGrantsRequest__Output as _inferadb_management_v1_ListUserGrantsRequest__Output } from '../../../inferadb/management/v1/ListUserGrantsRequest';
import type { ListUserGrantsResponse as _inferadb_management_v1_ListUserGrantsResponse, ListUserGrantsResponse__Output as _inferadb_management_v1_ListUserGrantsResponse__Output } from '../../../inferadb/management/v1/ListUserGrantsResponse';
import type { ListVaultsRequest as _inferadb_management_v1_ListVaultsRequest, ListVaultsRequest__Output as _inferadb_management_v1_ListVaultsRequest__Output } from '../../../inferadb/management/v1/ListVaultsRequest';
import type { ListVaultsResponse as _inferadb_management_v1_ListVaultsResponse, ListVaultsResponse__Output as _inferadb_management_v1_ListVaultsResponse__Output } from '../../../inferadb/management/v1/ListVaultsResponse';
import type { UpdateClientGrantRequest as _inferadb_management_v1_UpdateClientGrantRequest, UpdateClientGrantRequest__Output as _inferadb_management_v1_UpdateClientGrantRequest__Output } from '../../../inferadb/management/v1/UpdateClientGrantRequest';
import type { UpdateClientGrantResponse as _inferadb_management_v1_UpdateClientGrantResponse, UpdateClientGrantResponse__Output as _inferadb_management_v1_UpdateClientGrantResponse__Output } from '../../../inferadb/management/v1/UpdateClientGrantResponse';
import type { UpdateTeamGrantRequest as _inferadb_management_v1_UpdateTeamGrantRequest, UpdateTeamGrantRequest__Output as _inferadb_management_v1_UpdateTeamGrantRequest__Output } from '../../../inferadb/management/v1/UpdateTeamGrantRequest';
import type { UpdateTeamGrantResponse as _inferadb_management_v1_UpdateTeamGrantResponse, UpdateTeamGrantResponse__Output as _inferadb_management_v1_UpdateTeamGrantResponse__Output } from '../../../inferadb/management/v1/UpdateTeamGrantResponse';
import type { UpdateUserGrantRequest as _inferadb_management_v1_UpdateUserGrantRequest, UpdateUserGrantRequest__Output as _inferadb_management_v1_UpdateUserGrantRequest__Output } from '../../../inferadb/management/v1/UpdateUserGrantRequest';
import type { UpdateUserGrantResponse as _inferadb_management_v1_UpdateUserGrantResponse, UpdateUserGrantResponse__Output as _inferadb_management_v1_UpdateUserGrantResponse__Output } from '../../../inferadb/management/v1/UpdateUserGrantResponse';
import type { UpdateVaultRequest as _inferadb_management_v1_UpdateVaultRequest, UpdateVaultRequest__Output as _inferadb_management_v1_UpdateVaultRequest__Output } from '../../../inferadb/management/v1/UpdateVaultRequest';
import type { UpdateVaultResponse as _inferadb_management_v1_UpdateVaultResponse, UpdateVaultResponse__Output as _inferadb_management_v1_UpdateVaultResponse__Output } from '../../../inferadb/management/v1/UpdateVaultResponse';

export interface VaultServiceClient extends grpc.Client {
  CreateClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  createClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  createClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  createClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  createClientGrant(argument: _inferadb_management_v1_CreateClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  
  CreateTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  createTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  createTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  createTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  createTeamGrant(argument: _inferadb_management_v1_CreateTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  
  CreateUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  CreateUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  createUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  createUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  createUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  createUserGrant(argument: _inferadb_management_v1_CreateUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  
  CreateVault(argument: _inferadb_management_v1_CreateVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  CreateVault(argument: _inferadb_management_v1_CreateVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  CreateVault(argument: _inferadb_management_v1_CreateVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  CreateVault(argument: _inferadb_management_v1_CreateVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_management_v1_CreateVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_management_v1_CreateVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_management_v1_CreateVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  createVault(argument: _inferadb_management_v1_CreateVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateVaultResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteClientGrant(argument: _inferadb_management_v1_DeleteClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientGrantResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteTeamGrant(argument: _inferadb_management_v1_DeleteTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  DeleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  deleteUserGrant(argument: _inferadb_management_v1_DeleteUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteUserGrantResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  DeleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  DeleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  DeleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  deleteVault(argument: _inferadb_management_v1_DeleteVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteVaultResponse__Output>): grpc.ClientUnaryCall;
  
  GetClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  GetClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  GetClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  GetClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  getClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  getClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  getClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  getClientGrant(argument: _inferadb_management_v1_GetClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetClientGrantResponse__Output>): grpc.ClientUnaryCall;
  
  GetTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  GetTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  GetTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  GetTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  getTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  getTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  getTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  getTeamGrant(argument: _inferadb_management_v1_GetTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  
  GetUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  GetUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  GetUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  GetUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  getUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  getUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  getUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  getUserGrant(argument: _inferadb_management_v1_GetUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetUserGrantResponse__Output>): grpc.ClientUnaryCall;
  
  GetVault(argument: _inferadb_management_v1_GetVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  GetVault(argument: _inferadb_management_v1_GetVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  GetVault(argument: _inferadb_management_v1_GetVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  GetVault(argument: _inferadb_management_v1_GetVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  getVault(argument: _inferadb_management_v1_GetVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  getVault(argument: _inferadb_management_v1_GetVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  getVault(argument: _inferadb_management_v1_GetVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  getVault(argument: _inferadb_management_v1_GetVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetVaultResponse__Output>): grpc.ClientUnaryCall;
  
  ListClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  listClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  listClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  listClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  listClientGrants(argument: _inferadb_management_v1_ListClientGrantsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListClientGrantsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  listTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  listTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  listTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  listTeamGrants(argument: _inferadb_management_v1_ListTeamGrantsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamGrantsResponse__Output>): grpc.ClientUnaryCall;
  
  ListUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  ListUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  listUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  listUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  listUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  listUserGrants(argument: _inferadb_management_v1_ListUserGrantsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListUserGrantsResponse__Output>): grpc.ClientUnaryCall;
  
  ListVaults(argument: _inferadb_management_v1_ListVaultsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  ListVaults(argument: _inferadb_management_v1_ListVaultsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  ListVaults(argument: _inferadb_management_v1_ListVaultsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  ListVaults(argument: _inferadb_management_v1_ListVaultsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  listVaults(argument: _inferadb_management_v1_ListVaultsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  listVaults(argument: _inferadb_management_v1_ListVaultsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  listVaults(argument: _inferadb_management_v1_ListVaultsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  listVaults(argument: _inferadb_management_v1_ListVaultsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListVaultsResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  updateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  updateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  updateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  updateClientGrant(argument: _inferadb_management_v1_UpdateClientGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientGrantResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  updateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  updateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  updateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  updateTeamGrant(argument: _inferadb_management_v1_UpdateTeamGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamGrantResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  UpdateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  updateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  updateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  updateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  updateUserGrant(argument: _inferadb_management_v1_UpdateUserGrantRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateUserGrantResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateVault(argument: _inferadb_management_v1_UpdateVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  UpdateVault(argument: _inferadb_management_v1_UpdateVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  UpdateVault(argument: _inferadb_management_v1_UpdateVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  UpdateVault(argument: _inferadb_management_v1_UpdateVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  updateVault(argument: _inferadb_management_v1_UpdateVaultRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  updateVault(argument: _inferadb_management_v1_UpdateVaultRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  updateVault(argument: _inferadb_management_v1_UpdateVaultRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  updateVault(argument: _inferadb_management_v1_UpdateVaultRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateVaultResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface VaultServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateClientGrant: grpc.handleUnaryCall<_inferadb_management_v1_CreateClientGrantRequest__Output, _inferadb_management_v1_CreateClientGrantResponse>;
  
  CreateTeamGrant: grpc.handleUnaryCall<_inferadb_management_v1_CreateTeamGrantRequest__Output, _inferadb_management_v1_CreateTeamGrantResponse>;
  
  CreateUserGrant: grpc.handleUnaryCall<_inferadb_management_v1_CreateUserGrantRequest__Output, _inferadb_management_v1_CreateUserGrantResponse>;
  
  CreateVault: grpc.handleUnaryCall<_inferadb_management_v1_CreateVaultRequest__Output, _inferadb_management_v1_CreateVaultResponse>;
  
  DeleteClientGrant: grpc.handleUnaryCall<_inferadb_management_v1_DeleteClientGrantRequest__Output, _inferadb_management_v1_DeleteClientGrantResponse>;
  
  DeleteTeamGrant: grpc.handleUnaryCall<_inferadb_management_v1_DeleteTeamGrantRequest__Output, _inferadb_management_v1_DeleteTeamGrantResponse>;
  
  DeleteUserGrant: grpc.handleUnaryCall<_inferadb_management_v1_DeleteUserGrantRequest__Output, _inferadb_management_v1_DeleteUserGrantResponse>;
  
  DeleteVault: grpc.handleUnaryCall<_inferadb_management_v1_DeleteVaultRequest__Output, _inferadb_management_v1_DeleteVaultResponse>;
  
  GetClientGrant: grpc.handleUnaryCall<_inferadb_management_v1_GetClientGrantRequest__Output, _inferadb_management_v1_GetClientGrantResponse>;
  
  GetTeamGrant: grpc.handleUnaryCall<_inferadb_management_v1_GetTeamGrantRequest__Output, _inferadb_management_v1_GetTeamGrantResponse>;
  
  GetUserGrant: grpc.handleUnaryCall<_inferadb_management_v1_GetUserGrantRequest__Output, _inferadb_management_v1_GetUserGrantResponse>;
  
  GetVault: grpc.handleUnaryCall<_inferadb_management_v1_GetVaultRequest__Output, _inferadb_management_v1_GetVaultResponse>;
  
  ListClientGrants: grpc.handleUnaryCall<_inferadb_management_v1_ListClientGrantsRequest__Output, _inferadb_management_v1_ListClientGrantsResponse>;
  
  ListTeamGrants: grpc.handleUnaryCall<_inferadb_management_v1_ListTeamGrantsRequest__Output, _inferadb_management_v1_ListTeamGrantsResponse>;
  
  ListUserGrants: grpc.handleUnaryCall<_inferadb_management_v1_ListUserGrantsRequest__Output, _inferadb_management_v1_ListUserGrantsResponse>;
  
  ListVaults: grpc.handleUnaryCall<_inferadb_management_v1_ListVaultsRequest__Output, _inferadb_management_v1_ListVaultsResponse>;
  
  UpdateClientGrant: grpc.handleUnaryCall<_inferadb_management_v1_UpdateClientGrantRequest__Output, _inferadb_management_v1_UpdateClientGrantResponse>;
  
  UpdateTeamGrant: grpc.handleUnaryCall<_inferadb_management_v1_UpdateTeamGrantRequest__Output, _inferadb_management_v1_UpdateTeamGrantResponse>;
  
  UpdateUserGrant: grpc.handleUnaryCall<_inferadb_management_v1_UpdateUserGrantRequest__Output, _inferadb_management_v1_UpdateUserGrantResponse>;
  
  UpdateVault: grpc.handleUnaryCall<_inferadb_management_v1_UpdateVaultRequest__Output, _inferadb_management_v1_UpdateVaultResponse>;
  
}

export interface VaultServiceDefinition extends grpc.ServiceDefinition {
  CreateClientGrant: MethodDefinition<_inferadb_management_v1_CreateClientGrantRequest, _inferadb_management_v1_CreateClientGrantResponse, _inferadb_management_v1_CreateClientGrantRequest__Output, _inferadb_management_v1_CreateClientGrantResponse__Output>
  CreateTeamGrant: MethodDefinition<_inferadb_management_v1_CreateTeamGrantRequest, _inferadb_management_v1_CreateTeamGrantResponse, _inferadb_management_v1_CreateTeamGrantRequest__Output, _inferadb_management_v1_CreateTeamGrantResponse__Output>
  CreateUserGrant: MethodDefinition<_inferadb_management_v1_CreateUserGrantRequest, _inferadb_management_v1_CreateUserGrantResponse, _inferadb_management_v1_CreateUserGrantRequest__Output, _inferadb_management_v1_CreateUserGrantResponse__Output>
  CreateVault: MethodDefinition<_inferadb_management_v1_CreateVaultRequest, _inferadb_management_v1_CreateVaultResponse, _inferadb_management_v1_CreateVaultRequest__Output, _inferadb_management_v1_CreateVaultResponse__Output>
  DeleteClientGrant: MethodDefinition<_inferadb_management_v1_DeleteClientGrantRequest, _inferadb_management_v1_DeleteClientGrantResponse, _inferadb_management_v1_DeleteClientGrantRequest__Output, _inferadb_management_v1_DeleteClientGrantResponse__Output>
  DeleteTeamGrant: MethodDefinition<_inferadb_management_v1_DeleteTeamGrantRequest, _inferadb_management_v1_DeleteTeamGrantResponse, _inferadb_management_v1_DeleteTeamGrantRequest__Output, _inferadb_management_v1_DeleteTeamGrantResponse__Output>
  DeleteUserGrant: MethodDefinition<_inferadb_management_v1_DeleteUserGrantRequest, _inferadb_management_v1_DeleteUserGrantResponse, _inferadb_management_v1_DeleteUserGrantRequest__Output, _inferadb_management_v1_DeleteUserGrantResponse__Output>
  DeleteVault: MethodDefinition<_inferadb_management_v1_DeleteVaultRequest, _inferadb_management_v1_DeleteVaultResponse, _inferadb_management_v1_DeleteVaultRequest__Output, _inferadb_management_v1_DeleteVaultResponse__Output>
  GetClientGrant: MethodDefinition<_inferadb_management_v1_GetClientGrantRequest, _inferadb_management_v1_GetClientGrantResponse, _inferadb_management_v1_GetClientGrantRequest__Output, _inferadb_management_v1_GetClientGrantResponse__Output>
  GetTeamGrant: MethodDefinition<_inferadb_management_v1_GetTeamGrantRequest, _inferadb_management_v1_GetTeamGrantResponse, _inferadb_management_v1_GetTeamGrantRequest__Output, _inferadb_management_v1_GetTeamGrantResponse__Output>
  GetUserGrant: MethodDefinition<_inferadb_management_v1_GetUserGrantRequest, _inferadb_management_v1_GetUserGrantResponse, _inferadb_management_v1_GetUserGrantRequest__Output, _inferadb_management_v1_GetUserGrantResponse__Output>
  GetVault: MethodDefinition<_inferadb_management_v1_GetVaultRequest, _inferadb_management_v1_GetVaultResponse, _inferadb_management_v1_GetVaultRequest__Output, _inferadb_management_v1_GetVaultResponse__Output>
  ListClientGrants: MethodDefinition<_inferadb_management_v1_ListClientGrantsRequest, _inferadb_management_v1_ListClientGrantsResponse, _inferadb_management_v1_ListClientGrantsRequest__Output, _inferadb_management_v1_ListClientGrantsResponse__Output>
  ListTeamGrants: MethodDefinition<_inferadb_management_v1_ListTeamGrantsRequest, _inferadb_management_v1_ListTeamGrantsResponse, _inferadb_management_v1_ListTeamGrantsRequest__Output, _inferadb_management_v1_ListTeamGrantsResponse__Output>
  ListUserGrants: MethodDefinition<_inferadb_management_v1_ListUserGrantsRequest, _inferadb_management_v1_ListUserGrantsResponse, _inferadb_management_v1_ListUserGrantsRequest__Output, _inferadb_management_v1_ListUserGrantsResponse__Output>
  ListVaults: MethodDefinition<_inferadb_management_v1_ListVaultsRequest, _inferadb_management_v1_ListVaultsResponse, _inferadb_management_v1_ListVaultsRequest__Output, _inferadb_management_v1_ListVaultsResponse__Output>
  UpdateClientGrant: MethodDefinition<_inferadb_management_v1_UpdateClientGrantRequest, _inferadb_management_v1_UpdateClientGrantResponse, _inferadb_management_v1_UpdateClientGrantRequest__Output, _inferadb_management_v1_UpdateClientGrantResponse__Output>
  UpdateTeamGrant: MethodDefinition<_inferadb_management_v1_UpdateTeamGrantRequest, _inferadb_management_v1_UpdateTeamGrantResponse, _inferadb_management_v1_UpdateTeamGrantRequest__Output, _inferadb_management_v1_UpdateTeamGrantResponse__Output>
  UpdateUserGrant: MethodDefinition<_inferadb_management_v1_UpdateUserGrantRequest, _inferadb_management_v1_UpdateUserGrantResponse, _inferadb_management_v1_UpdateUserGrantRequest__Output, _inferadb_management_v1_UpdateUserGrantResponse__Output>
  UpdateVault: MethodDefinition<_inferadb_management_v1_UpdateVaultRequest, _inferadb_management_v1_UpdateVaultResponse, _inferadb_management_v1_UpdateVaultRequest__Output, _inferadb_management_v1_UpdateVaultResponse__Output>
}
