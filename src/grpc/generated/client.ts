import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ActivateClientRequest as _inferadb_management_v1_ActivateClientRequest, ActivateClientRequest__Output as _inferadb_management_v1_ActivateClientRequest__Output } from './inferadb/management/v1/ActivateClientRequest';
import type { ActivateClientResponse as _inferadb_management_v1_ActivateClientResponse, ActivateClientResponse__Output as _inferadb_management_v1_ActivateClientResponse__Output } from './inferadb/management/v1/ActivateClientResponse';
import type { Client as _inferadb_management_v1_Client, Client__Output as _inferadb_management_v1_Client__Output } from './inferadb/management/v1/Client';
import type { ClientCertificate as _inferadb_management_v1_ClientCertificate, ClientCertificate__Output as _inferadb_management_v1_ClientCertificate__Output } from './inferadb/management/v1/ClientCertificate';
import type { ClientServiceClient as _inferadb_management_v1_ClientServiceClient, ClientServiceDefinition as _inferadb_management_v1_ClientServiceDefinition } from './inferadb/management/v1/ClientService';
import type { CreateCertificateRequest as _inferadb_management_v1_CreateCertificateRequest, CreateCertificateRequest__Output as _inferadb_management_v1_CreateCertificateRequest__Output } from './inferadb/management/v1/CreateCertificateRequest';
import type { CreateCertificateResponse as _inferadb_management_v1_CreateCertificateResponse, CreateCertificateResponse__Output as _inferadb_management_v1_CreateCertificateResponse__Output } from './inferadb/management/v1/CreateCertificateResponse';
import type { CreateClientRequest as _inferadb_management_v1_CreateClientRequest, CreateClientRequest__Output as _inferadb_management_v1_CreateClientRequest__Output } from './inferadb/management/v1/CreateClientRequest';
import type { CreateClientResponse as _inferadb_management_v1_CreateClientResponse, CreateClientResponse__Output as _inferadb_management_v1_CreateClientResponse__Output } from './inferadb/management/v1/CreateClientResponse';
import type { DeactivateClientRequest as _inferadb_management_v1_DeactivateClientRequest, DeactivateClientRequest__Output as _inferadb_management_v1_DeactivateClientRequest__Output } from './inferadb/management/v1/DeactivateClientRequest';
import type { DeactivateClientResponse as _inferadb_management_v1_DeactivateClientResponse, DeactivateClientResponse__Output as _inferadb_management_v1_DeactivateClientResponse__Output } from './inferadb/management/v1/DeactivateClientResponse';
import type { DeleteCertificateRequest as _inferadb_management_v1_DeleteCertificateRequest, DeleteCertificateRequest__Output as _inferadb_management_v1_DeleteCertificateRequest__Output } from './inferadb/management/v1/DeleteCertificateRequest';
import type { DeleteCertificateResponse as _inferadb_management_v1_DeleteCertificateResponse, DeleteCertificateResponse__Output as _inferadb_management_v1_DeleteCertificateResponse__Output } from './inferadb/management/v1/DeleteCertificateResponse';
import type { DeleteClientRequest as _inferadb_management_v1_DeleteClientRequest, DeleteClientRequest__Output as _inferadb_management_v1_DeleteClientRequest__Output } from './inferadb/management/v1/DeleteClientRequest';
import type { DeleteClientResponse as _inferadb_management_v1_DeleteClientResponse, DeleteClientResponse__Output as _inferadb_management_v1_DeleteClientResponse__Output } from './inferadb/management/v1/DeleteClientResponse';
import type { GetCertificateRequest as _inferadb_management_v1_GetCertificateRequest, GetCertificateRequest__Output as _inferadb_management_v1_GetCertificateRequest__Output } from './inferadb/management/v1/GetCertificateRequest';
import type { GetCertificateResponse as _inferadb_management_v1_GetCertificateResponse, GetCertificateResponse__Output as _inferadb_management_v1_GetCertificateResponse__Output } from './inferadb/management/v1/GetCertificateResponse';
import type { GetClientRequest as _inferadb_management_v1_GetClientRequest, GetClientRequest__Output as _inferadb_management_v1_GetClientRequest__Output } from './inferadb/management/v1/GetClientRequest';
import type { GetClientResponse as _inferadb_management_v1_GetClientResponse, GetClientResponse__Output as _inferadb_management_v1_GetClientResponse__Output } from './inferadb/management/v1/GetClientResponse';
import type { ListCertificatesRequest as _inferadb_management_v1_ListCertificatesRequest, ListCertificatesRequest__Output as _inferadb_management_v1_ListCertificatesRequest__Output } from './inferadb/management/v1/ListCertificatesRequest';
import type { ListCertificatesResponse as _inferadb_management_v1_ListCertificatesResponse, ListCertificatesResponse__Output as _inferadb_management_v1_ListCertificatesResponse__Output } from './inferadb/management/v1/ListCertificatesResponse';
import type { ListClientsRequest as _inferadb_management_v1_ListClientsRequest, ListClientsRequest__Output as _inferadb_management_v1_ListClientsRequest__Output } from './inferadb/management/v1/ListClientsRequest';
import type { ListClientsResponse as _inferadb_management_v1_ListClientsResponse, ListClientsResponse__Output as _inferadb_management_v1_ListClientsResponse__Output } from './inferadb/management/v1/ListClientsResponse';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from './inferadb/management/v1/Pagination';
import type { RevokeCertificateRequest as _inferadb_management_v1_RevokeCertificateRequest, RevokeCertificateRequest__Output as _inferadb_management_v1_RevokeCertificateRequest__Output } from './inferadb/management/v1/RevokeCertificateRequest';
import type { RevokeCertificateResponse as _inferadb_management_v1_RevokeCertificateResponse, RevokeCertificateResponse__Output as _inferadb_management_v1_RevokeCertificateResponse__Output } from './inferadb/management/v1/RevokeCertificateResponse';
import type { UpdateClientRequest as _inferadb_management_v1_UpdateClientRequest, UpdateClientRequest__Output as _inferadb_management_v1_UpdateClientRequest__Output } from './inferadb/management/v1/UpdateClientRequest';
import type { UpdateClientResponse as _inferadb_management_v1_UpdateClientResponse, UpdateClientResponse__Output as _inferadb_management_v1_UpdateClientResponse__Output } from './inferadb/management/v1/UpdateClientResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        ActivateClientRequest: MessageTypeDefinition<_inferadb_management_v1_ActivateClientRequest, _inferadb_management_v1_ActivateClientRequest__Output>
        ActivateClientResponse: MessageTypeDefinition<_inferadb_management_v1_ActivateClientResponse, _inferadb_management_v1_ActivateClientResponse__Output>
        Client: MessageTypeDefinition<_inferadb_management_v1_Client, _inferadb_management_v1_Client__Output>
        ClientCertificate: MessageTypeDefinition<_inferadb_management_v1_ClientCertificate, _inferadb_management_v1_ClientCertificate__Output>
        ClientService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_ClientServiceClient> & { service: _inferadb_management_v1_ClientServiceDefinition }
        CreateCertificateRequest: MessageTypeDefinition<_inferadb_management_v1_CreateCertificateRequest, _inferadb_management_v1_CreateCertificateRequest__Output>
        CreateCertificateResponse: MessageTypeDefinition<_inferadb_management_v1_CreateCertificateResponse, _inferadb_management_v1_CreateCertificateResponse__Output>
        CreateClientRequest: MessageTypeDefinition<_inferadb_management_v1_CreateClientRequest, _inferadb_management_v1_CreateClientRequest__Output>
        CreateClientResponse: MessageTypeDefinition<_inferadb_management_v1_CreateClientResponse, _inferadb_management_v1_CreateClientResponse__Output>
        DeactivateClientRequest: MessageTypeDefinition<_inferadb_management_v1_DeactivateClientRequest, _inferadb_management_v1_DeactivateClientRequest__Output>
        DeactivateClientResponse: MessageTypeDefinition<_inferadb_management_v1_DeactivateClientResponse, _inferadb_management_v1_DeactivateClientResponse__Output>
        DeleteCertificateRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteCertificateRequest, _inferadb_management_v1_DeleteCertificateRequest__Output>
        DeleteCertificateResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteCertificateResponse, _inferadb_management_v1_DeleteCertificateResponse__Output>
        DeleteClientRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteClientRequest, _inferadb_management_v1_DeleteClientRequest__Output>
        DeleteClientResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteClientResponse, _inferadb_management_v1_DeleteClientResponse__Output>
        GetCertificateRequest: MessageTypeDefinition<_inferadb_management_v1_GetCertificateRequest, _inferadb_management_v1_GetCertificateRequest__Output>
        GetCertificateResponse: MessageTypeDefinition<_inferadb_management_v1_GetCertificateResponse, _inferadb_management_v1_GetCertificateResponse__Output>
        GetClientRequest: MessageTypeDefinition<_inferadb_management_v1_GetClientRequest, _inferadb_management_v1_GetClientRequest__Output>
        GetClientResponse: MessageTypeDefinition<_inferadb_management_v1_GetClientResponse, _inferadb_management_v1_GetClientResponse__Output>
        ListCertificatesRequest: MessageTypeDefinition<_inferadb_management_v1_ListCertificatesRequest, _inferadb_management_v1_ListCertificatesRequest__Output>
        ListCertificatesResponse: MessageTypeDefinition<_inferadb_management_v1_ListCertificatesResponse, _inferadb_management_v1_ListCertificatesResponse__Output>
        ListClientsRequest: MessageTypeDefinition<_inferadb_management_v1_ListClientsRequest, _inferadb_management_v1_ListClientsRequest__Output>
        ListClientsResponse: MessageTypeDefinition<_inferadb_management_v1_ListClientsResponse, _inferadb_management_v1_ListClientsResponse__Output>
        Pagination: MessageTypeDefinition<_inferadb_management_v1_Pagination, _inferadb_management_v1_Pagination__Output>
        RevokeCertificateRequest: MessageTypeDefinition<_inferadb_management_v1_RevokeCertificateRequest, _inferadb_management_v1_RevokeCertificateRequest__Output>
        RevokeCertificateResponse: MessageTypeDefinition<_inferadb_management_v1_RevokeCertificateResponse, _inferadb_management_v1_RevokeCertificateResponse__Output>
        UpdateClientRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateClientRequest, _inferadb_management_v1_UpdateClientRequest__Output>
        UpdateClientResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateClientResponse, _inferadb_management_v1_UpdateClientResponse__Output>
      }
    }
  }
}

