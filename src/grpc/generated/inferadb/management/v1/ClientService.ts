// Original file: proto/inferadb/management/v1/client.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ActivateClientRequest as _inferadb_management_v1_ActivateClientRequest, ActivateClientRequest__Output as _inferadb_management_v1_ActivateClientRequest__Output } from '../../../inferadb/management/v1/ActivateClientRequest';
import type { ActivateClientResponse as _inferadb_management_v1_ActivateClientResponse, ActivateClientResponse__Output as _inferadb_management_v1_ActivateClientResponse__Output } from '../../../inferadb/management/v1/ActivateClientResponse';
import type { CreateCertificateRequest as _inferadb_management_v1_CreateCertificateRequest, CreateCertificateRequest__Output as _inferadb_management_v1_CreateCertificateRequest__Output } from '../../../inferadb/management/v1/CreateCertificateRequest';
import type { CreateCertificateResponse as _inferadb_management_v1_CreateCertificateResponse, CreateCertificateResponse__Output as _inferadb_management_v1_CreateCertificateResponse__Output } from '../../../inferadb/management/v1/CreateCertificateResponse';
import type { CreateClientRequest as _inferadb_management_v1_CreateClientRequest, CreateClientRequest__Output as _inferadb_management_v1_CreateClientRequest__Output } from '../../../inferadb/management/v1/CreateClientRequest';
import type { CreateClientResponse as _inferadb_management_v1_CreateClientResponse, CreateClientResponse__Output as _inferadb_management_v1_CreateClientResponse__Output } from '../../../inferadb/management/v1/CreateClientResponse';
import type { DeactivateClientRequest as _inferadb_management_v1_DeactivateClientRequest, DeactivateClientRequest__Output as _inferadb_management_v1_DeactivateClientRequest__Output } from '../../../inferadb/management/v1/DeactivateClientRequest';
import type { DeactivateClientResponse as _inferadb_management_v1_DeactivateClientResponse, DeactivateClientResponse__Output as _inferadb_management_v1_DeactivateClientResponse__Output } from '../../../inferadb/management/v1/DeactivateClientResponse';
import type { DeleteCertificateRequest as _inferadb_management_v1_DeleteCertificateRequest, DeleteCertificateRequest__Output as _inferadb_management_v1_DeleteCertificateRequest__Output } from '../../../inferadb/management/v1/DeleteCertificateRequest';
import type { DeleteCertificateResponse as _inferadb_management_v1_DeleteCertificateResponse, DeleteCertificateResponse__Output as _inferadb_management_v1_DeleteCertificateResponse__Output } from '../../../inferadb/management/v1/DeleteCertificateResponse';
import type { DeleteClientRequest as _inferadb_management_v1_DeleteClientRequest, DeleteClientRequest__Output as _inferadb_management_v1_DeleteClientRequest__Output } from '../../../inferadb/management/v1/DeleteClientRequest';
import type { DeleteClientResponse as _inferadb_management_v1_DeleteClientResponse, DeleteClientResponse__Output as _inferadb_management_v1_DeleteClientResponse__Output } from '../../../inferadb/management/v1/DeleteClientResponse';
import type { GetCertificateRequest as _inferadb_management_v1_GetCertificateRequest, GetCertificateRequest__Output as _inferadb_management_v1_GetCertificateRequest__Output } from '../../../inferadb/management/v1/GetCertificateRequest';
import type { GetCertificateResponse as _inferadb_management_v1_GetCertificateResponse, GetCertificateResponse__Output as _inferadb_management_v1_GetCertificateResponse__Output } from '../../../inferadb/management/v1/GetCertificateResponse';
import type { GetClientRequest as _inferadb_management_v1_GetClientRequest, GetClientRequest__Output as _inferadb_management_v1_GetClientRequest__Output } from '../../../inferadb/management/v1/GetClientRequest';
import type { GetClientResponse as _inferadb_management_v1_GetClientResponse, GetClientResponse__Output as _inferadb_management_v1_GetClientResponse__Output } from '../../../inferadb/management/v1/GetClientResponse';
import type { ListCertificatesRequest as _inferadb_management_v1_ListCertificatesRequest, ListCertificatesRequest__Output as _inferadb_management_v1_ListCertificatesRequest__Output } from '../../../inferadb/management/v1/ListCertificatesRequest';
import type { ListCertificatesResponse as _inferadb_management_v1_ListCertificatesResponse, ListCertificatesResponse__Output as _inferadb_management_v1_ListCertificatesResponse__Output } from '../../../inferadb/management/v1/ListCertificatesResponse';
import type { ListClientsRequest as _inferadb_management_v1_ListClientsRequest, ListClientsRequest__Output as _inferadb_management_v1_ListClientsRequest__Output } from '../../../inferadb/management/v1/ListClientsRequest';
import type { ListClientsResponse as _inferadb_management_v1_ListClientsResponse, ListClientsResponse__Output as _inferadb_management_v1_ListClientsResponse__Output } from '../../../inferadb/management/v1/ListClientsResponse';
import type { RevokeCertificateRequest as _inferadb_management_v1_RevokeCertificateRequest, RevokeCertificateRequest__Output as _inferadb_management_v1_RevokeCertificateRequest__Output } from '../../../inferadb/management/v1/RevokeCertificateRequest';
import type { RevokeCertificateResponse as _inferadb_management_v1_RevokeCertificateResponse, RevokeCertificateResponse__Output as _inferadb_management_v1_RevokeCertificateResponse__Output } from '../../../inferadb/management/v1/RevokeCertificateResponse';
import type { UpdateClientRequest as _inferadb_management_v1_UpdateClientRequest, UpdateClientRequest__Output as _inferadb_management_v1_UpdateClientRequest__Output } from '../../../inferadb/management/v1/UpdateClientRequest';
import type { UpdateClientResponse as _inferadb_management_v1_UpdateClientResponse, UpdateClientResponse__Output as _inferadb_management_v1_UpdateClientResponse__Output } from '../../../inferadb/management/v1/UpdateClientResponse';

export interface ClientServiceClient extends grpc.Client {
  ActivateClient(argument: _inferadb_management_v1_ActivateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  ActivateClient(argument: _inferadb_management_v1_ActivateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  ActivateClient(argument: _inferadb_management_v1_ActivateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  ActivateClient(argument: _inferadb_management_v1_ActivateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  activateClient(argument: _inferadb_management_v1_ActivateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  activateClient(argument: _inferadb_management_v1_ActivateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  activateClient(argument: _inferadb_management_v1_ActivateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  activateClient(argument: _inferadb_management_v1_ActivateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_ActivateClientResponse__Output>): grpc.ClientUnaryCall;
  
  CreateCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  CreateCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  CreateCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  CreateCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  createCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  createCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  createCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  createCertificate(argument: _inferadb_management_v1_CreateCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateCertificateResponse__Output>): grpc.ClientUnaryCall;
  
  CreateClient(argument: _inferadb_management_v1_CreateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  CreateClient(argument: _inferadb_management_v1_CreateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  CreateClient(argument: _inferadb_management_v1_CreateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  CreateClient(argument: _inferadb_management_v1_CreateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  createClient(argument: _inferadb_management_v1_CreateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  createClient(argument: _inferadb_management_v1_CreateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  createClient(argument: _inferadb_management_v1_CreateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  createClient(argument: _inferadb_management_v1_CreateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateClientResponse__Output>): grpc.ClientUnaryCall;
  
  DeactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  DeactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  DeactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  DeactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  deactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  deactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  deactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  deactivateClient(argument: _inferadb_management_v1_DeactivateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeactivateClientResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  DeleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  DeleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  DeleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  deleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  deleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  deleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  deleteCertificate(argument: _inferadb_management_v1_DeleteCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteCertificateResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteClient(argument: _inferadb_management_v1_DeleteClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  DeleteClient(argument: _inferadb_management_v1_DeleteClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  DeleteClient(argument: _inferadb_management_v1_DeleteClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  DeleteClient(argument: _inferadb_management_v1_DeleteClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  deleteClient(argument: _inferadb_management_v1_DeleteClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  deleteClient(argument: _inferadb_management_v1_DeleteClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  deleteClient(argument: _inferadb_management_v1_DeleteClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  deleteClient(argument: _inferadb_management_v1_DeleteClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteClientResponse__Output>): grpc.ClientUnaryCall;
  
  GetCertificate(argument: _inferadb_management_v1_GetCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  GetCertificate(argument: _inferadb_management_v1_GetCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  GetCertificate(argument: _inferadb_management_v1_GetCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  GetCertificate(argument: _inferadb_management_v1_GetCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  getCertificate(argument: _inferadb_management_v1_GetCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  getCertificate(argument: _inferadb_management_v1_GetCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  getCertificate(argument: _inferadb_management_v1_GetCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  getCertificate(argument: _inferadb_management_v1_GetCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetCertificateResponse__Output>): grpc.ClientUnaryCall;
  
  GetClient(argument: _inferadb_management_v1_GetClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  GetClient(argument: _inferadb_management_v1_GetClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  GetClient(argument: _inferadb_management_v1_GetClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  GetClient(argument: _inferadb_management_v1_GetClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  getClient(argument: _inferadb_management_v1_GetClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  getClient(argument: _inferadb_management_v1_GetClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  getClient(argument: _inferadb_management_v1_GetClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  getClient(argument: _inferadb_management_v1_GetClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetClientResponse__Output>): grpc.ClientUnaryCall;
  
  ListCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  ListCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  ListCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  ListCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  listCertificates(argument: _inferadb_management_v1_ListCertificatesRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListCertificatesResponse__Output>): grpc.ClientUnaryCall;
  
  ListClients(argument: _inferadb_management_v1_ListClientsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  ListClients(argument: _inferadb_management_v1_ListClientsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  ListClients(argument: _inferadb_management_v1_ListClientsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  ListClients(argument: _inferadb_management_v1_ListClientsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  listClients(argument: _inferadb_management_v1_ListClientsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  listClients(argument: _inferadb_management_v1_ListClientsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  listClients(argument: _inferadb_management_v1_ListClientsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  listClients(argument: _inferadb_management_v1_ListClientsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListClientsResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  RevokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  RevokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  RevokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  revokeCertificate(argument: _inferadb_management_v1_RevokeCertificateRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeCertificateResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateClient(argument: _inferadb_management_v1_UpdateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  UpdateClient(argument: _inferadb_management_v1_UpdateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  UpdateClient(argument: _inferadb_management_v1_UpdateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  UpdateClient(argument: _inferadb_management_v1_UpdateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  updateClient(argument: _inferadb_management_v1_UpdateClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  updateClient(argument: _inferadb_management_v1_UpdateClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  updateClient(argument: _inferadb_management_v1_UpdateClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  updateClient(argument: _inferadb_management_v1_UpdateClientRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateClientResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ClientServiceHandlers extends grpc.UntypedServiceImplementation {
  ActivateClient: grpc.handleUnaryCall<_inferadb_management_v1_ActivateClientRequest__Output, _inferadb_management_v1_ActivateClientResponse>;
  
  CreateCertificate: grpc.handleUnaryCall<_inferadb_management_v1_CreateCertificateRequest__Output, _inferadb_management_v1_CreateCertificateResponse>;
  
  CreateClient: grpc.handleUnaryCall<_inferadb_management_v1_CreateClientRequest__Output, _inferadb_management_v1_CreateClientResponse>;
  
  DeactivateClient: grpc.handleUnaryCall<_inferadb_management_v1_DeactivateClientRequest__Output, _inferadb_management_v1_DeactivateClientResponse>;
  
  DeleteCertificate: grpc.handleUnaryCall<_inferadb_management_v1_DeleteCertificateRequest__Output, _inferadb_management_v1_DeleteCertificateResponse>;
  
  DeleteClient: grpc.handleUnaryCall<_inferadb_management_v1_DeleteClientRequest__Output, _inferadb_management_v1_DeleteClientResponse>;
  
  GetCertificate: grpc.handleUnaryCall<_inferadb_management_v1_GetCertificateRequest__Output, _inferadb_management_v1_GetCertificateResponse>;
  
  GetClient: grpc.handleUnaryCall<_inferadb_management_v1_GetClientRequest__Output, _inferadb_management_v1_GetClientResponse>;
  
  ListCertificates: grpc.handleUnaryCall<_inferadb_management_v1_ListCertificatesRequest__Output, _inferadb_management_v1_ListCertificatesResponse>;
  
  ListClients: grpc.handleUnaryCall<_inferadb_management_v1_ListClientsRequest__Output, _inferadb_management_v1_ListClientsResponse>;
  
  RevokeCertificate: grpc.handleUnaryCall<_inferadb_management_v1_RevokeCertificateRequest__Output, _inferadb_management_v1_RevokeCertificateResponse>;
  
  UpdateClient: grpc.handleUnaryCall<_inferadb_management_v1_UpdateClientRequest__Output, _inferadb_management_v1_UpdateClientResponse>;
  
}

export interface ClientServiceDefinition extends grpc.ServiceDefinition {
  ActivateClient: MethodDefinition<_inferadb_management_v1_ActivateClientRequest, _inferadb_management_v1_ActivateClientResponse, _inferadb_management_v1_ActivateClientRequest__Output, _inferadb_management_v1_ActivateClientResponse__Output>
  CreateCertificate: MethodDefinition<_inferadb_management_v1_CreateCertificateRequest, _inferadb_management_v1_CreateCertificateResponse, _inferadb_management_v1_CreateCertificateRequest__Output, _inferadb_management_v1_CreateCertificateResponse__Output>
  CreateClient: MethodDefinition<_inferadb_management_v1_CreateClientRequest, _inferadb_management_v1_CreateClientResponse, _inferadb_management_v1_CreateClientRequest__Output, _inferadb_management_v1_CreateClientResponse__Output>
  DeactivateClient: MethodDefinition<_inferadb_management_v1_DeactivateClientRequest, _inferadb_management_v1_DeactivateClientResponse, _inferadb_management_v1_DeactivateClientRequest__Output, _inferadb_management_v1_DeactivateClientResponse__Output>
  DeleteCertificate: MethodDefinition<_inferadb_management_v1_DeleteCertificateRequest, _inferadb_management_v1_DeleteCertificateResponse, _inferadb_management_v1_DeleteCertificateRequest__Output, _inferadb_management_v1_DeleteCertificateResponse__Output>
  DeleteClient: MethodDefinition<_inferadb_management_v1_DeleteClientRequest, _inferadb_management_v1_DeleteClientResponse, _inferadb_management_v1_DeleteClientRequest__Output, _inferadb_management_v1_DeleteClientResponse__Output>
  GetCertificate: MethodDefinition<_inferadb_management_v1_GetCertificateRequest, _inferadb_management_v1_GetCertificateResponse, _inferadb_management_v1_GetCertificateRequest__Output, _inferadb_management_v1_GetCertificateResponse__Output>
  GetClient: MethodDefinition<_inferadb_management_v1_GetClientRequest, _inferadb_management_v1_GetClientResponse, _inferadb_management_v1_GetClientRequest__Output, _inferadb_management_v1_GetClientResponse__Output>
  ListCertificates: MethodDefinition<_inferadb_management_v1_ListCertificatesRequest, _inferadb_management_v1_ListCertificatesResponse, _inferadb_management_v1_ListCertificatesRequest__Output, _inferadb_management_v1_ListCertificatesResponse__Output>
  ListClients: MethodDefinition<_inferadb_management_v1_ListClientsRequest, _inferadb_management_v1_ListClientsResponse, _inferadb_management_v1_ListClientsRequest__Output, _inferadb_management_v1_ListClientsResponse__Output>
  RevokeCertificate: MethodDefinition<_inferadb_management_v1_RevokeCertificateRequest, _inferadb_management_v1_RevokeCertificateResponse, _inferadb_management_v1_RevokeCertificateRequest__Output, _inferadb_management_v1_RevokeCertificateResponse__Output>
  UpdateClient: MethodDefinition<_inferadb_management_v1_UpdateClientRequest, _inferadb_management_v1_UpdateClientResponse, _inferadb_management_v1_UpdateClientRequest__Output, _inferadb_management_v1_UpdateClientResponse__Output>
}
