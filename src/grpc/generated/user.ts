import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddEmailRequest as _inferadb_management_v1_AddEmailRequest, AddEmailRequest__Output as _inferadb_management_v1_AddEmailRequest__Output } from './inferadb/management/v1/AddEmailRequest';
import type { AddEmailResponse as _inferadb_management_v1_AddEmailResponse, AddEmailResponse__Output as _inferadb_management_v1_AddEmailResponse__Output } from './inferadb/management/v1/AddEmailResponse';
import type { BeginPasskeyRegistrationRequest as _inferadb_management_v1_BeginPasskeyRegistrationRequest, BeginPasskeyRegistrationRequest__Output as _inferadb_management_v1_BeginPasskeyRegistrationRequest__Output } from './inferadb/management/v1/BeginPasskeyRegistrationRequest';
import type { BeginPasskeyRegistrationResponse as _inferadb_management_v1_BeginPasskeyRegistrationResponse, BeginPasskeyRegistrationResponse__Output as _inferadb_management_v1_BeginPasskeyRegistrationResponse__Output } from './inferadb/management/v1/BeginPasskeyRegistrationResponse';
import type { ChangePasswordRequest as _inferadb_management_v1_ChangePasswordRequest, ChangePasswordRequest__Output as _inferadb_management_v1_ChangePasswordRequest__Output } from './inferadb/management/v1/ChangePasswordRequest';
import type { ChangePasswordResponse as _inferadb_management_v1_ChangePasswordResponse, ChangePasswordResponse__Output as _inferadb_management_v1_ChangePasswordResponse__Output } from './inferadb/management/v1/ChangePasswordResponse';
import type { DeleteEmailRequest as _inferadb_management_v1_DeleteEmailRequest, DeleteEmailRequest__Output as _inferadb_management_v1_DeleteEmailRequest__Output } from './inferadb/management/v1/DeleteEmailRequest';
import type { DeleteEmailResponse as _inferadb_management_v1_DeleteEmailResponse, DeleteEmailResponse__Output as _inferadb_management_v1_DeleteEmailResponse__Output } from './inferadb/management/v1/DeleteEmailResponse';
import type { DeleteMeRequest as _inferadb_management_v1_DeleteMeRequest, DeleteMeRequest__Output as _inferadb_management_v1_DeleteMeRequest__Output } from './inferadb/management/v1/DeleteMeRequest';
import type { DeleteMeResponse as _inferadb_management_v1_DeleteMeResponse, DeleteMeResponse__Output as _inferadb_management_v1_DeleteMeResponse__Output } from './inferadb/management/v1/DeleteMeResponse';
import type { DeletePasskeyRequest as _inferadb_management_v1_DeletePasskeyRequest, DeletePasskeyRequest__Output as _inferadb_management_v1_DeletePasskeyRequest__Output } from './inferadb/management/v1/DeletePasskeyRequest';
import type { DeletePasskeyResponse as _inferadb_management_v1_DeletePasskeyResponse, DeletePasskeyResponse__Output as _inferadb_management_v1_DeletePasskeyResponse__Output } from './inferadb/management/v1/DeletePasskeyResponse';
import type { Email as _inferadb_management_v1_Email, Email__Output as _inferadb_management_v1_Email__Output } from './inferadb/management/v1/Email';
import type { FinishPasskeyRegistrationRequest as _inferadb_management_v1_FinishPasskeyRegistrationRequest, FinishPasskeyRegistrationRequest__Output as _inferadb_management_v1_FinishPasskeyRegistrationRequest__Output } from './inferadb/management/v1/FinishPasskeyRegistrationRequest';
import type { FinishPasskeyRegistrationResponse as _inferadb_management_v1_FinishPasskeyRegistrationResponse, FinishPasskeyRegistrationResponse__Output as _inferadb_management_v1_FinishPasskeyRegistrationResponse__Output } from './inferadb/management/v1/FinishPasskeyRegistrationResponse';
import type { GetMeRequest as _inferadb_management_v1_GetMeRequest, GetMeRequest__Output as _inferadb_management_v1_GetMeRequest__Output } from './inferadb/management/v1/GetMeRequest';
import type { GetMeResponse as _inferadb_management_v1_GetMeResponse, GetMeResponse__Output as _inferadb_management_v1_GetMeResponse__Output } from './inferadb/management/v1/GetMeResponse';
import type { ListEmailsRequest as _inferadb_management_v1_ListEmailsRequest, ListEmailsRequest__Output as _inferadb_management_v1_ListEmailsRequest__Output } from './inferadb/management/v1/ListEmailsRequest';
import type { ListEmailsResponse as _inferadb_management_v1_ListEmailsResponse, ListEmailsResponse__Output as _inferadb_management_v1_ListEmailsResponse__Output } from './inferadb/management/v1/ListEmailsResponse';
import type { ListPasskeysRequest as _inferadb_management_v1_ListPasskeysRequest, ListPasskeysRequest__Output as _inferadb_management_v1_ListPasskeysRequest__Output } from './inferadb/management/v1/ListPasskeysRequest';
import type { ListPasskeysResponse as _inferadb_management_v1_ListPasskeysResponse, ListPasskeysResponse__Output as _inferadb_management_v1_ListPasskeysResponse__Output } from './inferadb/management/v1/ListPasskeysResponse';
import type { ListSessionsRequest as _inferadb_management_v1_ListSessionsRequest, ListSessionsRequest__Output as _inferadb_management_v1_ListSessionsRequest__Output } from './inferadb/management/v1/ListSessionsRequest';
import type { ListSessionsResponse as _inferadb_management_v1_ListSessionsResponse, ListSessionsResponse__Output as _inferadb_management_v1_ListSessionsResponse__Output } from './inferadb/management/v1/ListSessionsResponse';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from './inferadb/management/v1/Pagination';
import type { Passkey as _inferadb_management_v1_Passkey, Passkey__Output as _inferadb_management_v1_Passkey__Output } from './inferadb/management/v1/Passkey';
import type { RenamePasskeyRequest as _inferadb_management_v1_RenamePasskeyRequest, RenamePasskeyRequest__Output as _inferadb_management_v1_RenamePasskeyRequest__Output } from './inferadb/management/v1/RenamePasskeyRequest';
import type { RenamePasskeyResponse as _inferadb_management_v1_RenamePasskeyResponse, RenamePasskeyResponse__Output as _inferadb_management_v1_RenamePasskeyResponse__Output } from './inferadb/management/v1/RenamePasskeyResponse';
import type { ResendVerificationRequest as _inferadb_management_v1_ResendVerificationRequest, ResendVerificationRequest__Output as _inferadb_management_v1_ResendVerificationRequest__Output } from './inferadb/management/v1/ResendVerificationRequest';
import type { ResendVerificationResponse as _inferadb_management_v1_ResendVerificationResponse, ResendVerificationResponse__Output as _inferadb_management_v1_ResendVerificationResponse__Output } from './inferadb/management/v1/ResendVerificationResponse';
import type { RevokeOtherSessionsRequest as _inferadb_management_v1_RevokeOtherSessionsRequest, RevokeOtherSessionsRequest__Output as _inferadb_management_v1_RevokeOtherSessionsRequest__Output } from './inferadb/management/v1/RevokeOtherSessionsRequest';
import type { RevokeOtherSessionsResponse as _inferadb_management_v1_RevokeOtherSessionsResponse, RevokeOtherSessionsResponse__Output as _inferadb_management_v1_RevokeOtherSessionsResponse__Output } from './inferadb/management/v1/RevokeOtherSessionsResponse';
import type { RevokeSessionRequest as _inferadb_management_v1_RevokeSessionRequest, RevokeSessionRequest__Output as _inferadb_management_v1_RevokeSessionRequest__Output } from './inferadb/management/v1/RevokeSessionRequest';
import type { RevokeSessionResponse as _inferadb_management_v1_RevokeSessionResponse, RevokeSessionResponse__Output as _inferadb_management_v1_RevokeSessionResponse__Output } from './inferadb/management/v1/RevokeSessionResponse';
import type { Session as _inferadb_management_v1_Session, Session__Output as _inferadb_management_v1_Session__Output } from './inferadb/management/v1/Session';
import type { SetPrimaryEmailRequest as _inferadb_management_v1_SetPrimaryEmailRequest, SetPrimaryEmailRequest__Output as _inferadb_management_v1_SetPrimaryEmailRequest__Output } from './inferadb/management/v1/SetPrimaryEmailRequest';
import type { SetPrimaryEmailResponse as _inferadb_management_v1_SetPrimaryEmailResponse, SetPrimaryEmailResponse__Output as _inferadb_management_v1_SetPrimaryEmailResponse__Output } from './inferadb/management/v1/SetPrimaryEmailResponse';
import type { UpdateMeRequest as _inferadb_management_v1_UpdateMeRequest, UpdateMeRequest__Output as _inferadb_management_v1_UpdateMeRequest__Output } from './inferadb/management/v1/UpdateMeRequest';
import type { UpdateMeResponse as _inferadb_management_v1_UpdateMeResponse, UpdateMeResponse__Output as _inferadb_management_v1_UpdateMeResponse__Output } from './inferadb/management/v1/UpdateMeResponse';
import type { User as _inferadb_management_v1_User, User__Output as _inferadb_management_v1_User__Output } from './inferadb/management/v1/User';
import type { UserServiceClient as _inferadb_management_v1_UserServiceClient, UserServiceDefinition as _inferadb_management_v1_UserServiceDefinition } from './inferadb/management/v1/UserService';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        AddEmailRequest: MessageTypeDefinition<_inferadb_management_v1_AddEmailRequest, _inferadb_management_v1_AddEmailRequest__Output>
        AddEmailResponse: MessageTypeDefinition<_inferadb_management_v1_AddEmailResponse, _inferadb_management_v1_AddEmailResponse__Output>
        BeginPasskeyRegistrationRequest: MessageTypeDefinition<_inferadb_management_v1_BeginPasskeyRegistrationRequest, _inferadb_management_v1_BeginPasskeyRegistrationRequest__Output>
        BeginPasskeyRegistrationResponse: MessageTypeDefinition<_inferadb_management_v1_BeginPasskeyRegistrationResponse, _inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>
        ChangePasswordRequest: MessageTypeDefinition<_inferadb_management_v1_ChangePasswordRequest, _inferadb_management_v1_ChangePasswordRequest__Output>
        ChangePasswordResponse: MessageTypeDefinition<_inferadb_management_v1_ChangePasswordResponse, _inferadb_management_v1_ChangePasswordResponse__Output>
        DeleteEmailRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteEmailRequest, _inferadb_management_v1_DeleteEmailRequest__Output>
        DeleteEmailResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteEmailResponse, _inferadb_management_v1_DeleteEmailResponse__Output>
        DeleteMeRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteMeRequest, _inferadb_management_v1_DeleteMeRequest__Output>
        DeleteMeResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteMeResponse, _inferadb_management_v1_DeleteMeResponse__Output>
        DeletePasskeyRequest: MessageTypeDefinition<_inferadb_management_v1_DeletePasskeyRequest, _inferadb_management_v1_DeletePasskeyRequest__Output>
        DeletePasskeyResponse: MessageTypeDefinition<_inferadb_management_v1_DeletePasskeyResponse, _inferadb_management_v1_DeletePasskeyResponse__Output>
        Email: MessageTypeDefinition<_inferadb_management_v1_Email, _inferadb_management_v1_Email__Output>
        FinishPasskeyRegistrationRequest: MessageTypeDefinition<_inferadb_management_v1_FinishPasskeyRegistrationRequest, _inferadb_management_v1_FinishPasskeyRegistrationRequest__Output>
        FinishPasskeyRegistrationResponse: MessageTypeDefinition<_inferadb_management_v1_FinishPasskeyRegistrationResponse, _inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>
        GetMeRequest: MessageTypeDefinition<_inferadb_management_v1_GetMeRequest, _inferadb_management_v1_GetMeRequest__Output>
        GetMeResponse: MessageTypeDefinition<_inferadb_management_v1_GetMeResponse, _inferadb_management_v1_GetMeResponse__Output>
        ListEmailsRequest: MessageTypeDefinition<_inferadb_management_v1_ListEmailsRequest, _inferadb_management_v1_ListEmailsRequest__Output>
        ListEmailsResponse: MessageTypeDefinition<_inferadb_management_v1_ListEmailsResponse, _inferadb_management_v1_ListEmailsResponse__Output>
        ListPasskeysRequest: MessageTypeDefinition<_inferadb_management_v1_ListPasskeysRequest, _inferadb_management_v1_ListPasskeysRequest__Output>
        ListPasskeysResponse: MessageTypeDefinition<_inferadb_management_v1_ListPasskeysResponse, _inferadb_management_v1_ListPasskeysResponse__Output>
        ListSessionsRequest: MessageTypeDefinition<_inferadb_management_v1_ListSessionsRequest, _inferadb_management_v1_ListSessionsRequest__Output>
        ListSessionsResponse: MessageTypeDefinition<_inferadb_management_v1_ListSessionsResponse, _inferadb_management_v1_ListSessionsResponse__Output>
        Pagination: MessageTypeDefinition<_inferadb_management_v1_Pagination, _inferadb_management_v1_Pagination__Output>
        Passkey: MessageTypeDefinition<_inferadb_management_v1_Passkey, _inferadb_management_v1_Passkey__Output>
        RenamePasskeyRequest: MessageTypeDefinition<_inferadb_management_v1_RenamePasskeyRequest, _inferadb_management_v1_RenamePasskeyRequest__Output>
        RenamePasskeyResponse: MessageTypeDefinition<_inferadb_management_v1_RenamePasskeyResponse, _inferadb_management_v1_RenamePasskeyResponse__Output>
        ResendVerificationRequest: MessageTypeDefinition<_inferadb_management_v1_ResendVerificationRequest, _inferadb_management_v1_ResendVerificationRequest__Output>
        ResendVerificationResponse: MessageTypeDefinition<_inferadb_management_v1_ResendVerificationResponse, _inferadb_management_v1_ResendVerificationResponse__Output>
        RevokeOtherSessionsRequest: MessageTypeDefinition<_inferadb_management_v1_RevokeOtherSessionsRequest, _inferadb_management_v1_RevokeOtherSessionsRequest__Output>
        RevokeOtherSessionsResponse: MessageTypeDefinition<_inferadb_management_v1_RevokeOtherSessionsResponse, _inferadb_management_v1_RevokeOtherSessionsResponse__Output>
        RevokeSessionRequest: MessageTypeDefinition<_inferadb_management_v1_RevokeSessionRequest, _inferadb_management_v1_RevokeSessionRequest__Output>
        RevokeSessionResponse: MessageTypeDefinition<_inferadb_management_v1_RevokeSessionResponse, _inferadb_management_v1_RevokeSessionResponse__Output>
        Session: MessageTypeDefinition<_inferadb_management_v1_Session, _inferadb_management_v1_Session__Output>
        SetPrimaryEmailRequest: MessageTypeDefinition<_inferadb_management_v1_SetPrimaryEmailRequest, _inferadb_management_v1_SetPrimaryEmailRequest__Output>
        SetPrimaryEmailResponse: MessageTypeDefinition<_inferadb_management_v1_SetPrimaryEmailResponse, _inferadb_management_v1_SetPrimaryEmailResponse__Output>
        UpdateMeRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateMeRequest, _inferadb_management_v1_UpdateMeRequest__Output>
        UpdateMeResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateMeResponse, _inferadb_management_v1_UpdateMeResponse__Output>
        User: MessageTypeDefinition<_inferadb_management_v1_User, _inferadb_management_v1_User__Output>
        UserService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_UserServiceClient> & { service: _inferadb_management_v1_UserServiceDefinition }
      }
    }
  }
}

