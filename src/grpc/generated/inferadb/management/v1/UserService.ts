// Original file: proto/inferadb/management/v1/user.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddEmailRequest as _inferadb_management_v1_AddEmailRequest, AddEmailRequest__Output as _inferadb_management_v1_AddEmailRequest__Output } from '../../../inferadb/management/v1/AddEmailRequest';
import type { AddEmailResponse as _inferadb_management_v1_AddEmailResponse, AddEmailResponse__Output as _inferadb_management_v1_AddEmailResponse__Output } from '../../../inferadb/management/v1/AddEmailResponse';
import type { BeginPasskeyRegistrationRequest as _inferadb_management_v1_BeginPasskeyRegistrationRequest, BeginPasskeyRegistrationRequest__Output as _inferadb_management_v1_BeginPasskeyRegistrationRequest__Output } from '../../../inferadb/management/v1/BeginPasskeyRegistrationRequest';
import type { BeginPasskeyRegistrationResponse as _inferadb_management_v1_BeginPasskeyRegistrationResponse, BeginPasskeyRegistrationResponse__Output as _inferadb_management_v1_BeginPasskeyRegistrationResponse__Output } from '../../../inferadb/management/v1/BeginPasskeyRegistrationResponse';
import type { ChangePasswordRequest as _inferadb_management_v1_ChangePasswordRequest, ChangePasswordRequest__Output as _inferadb_management_v1_ChangePasswordRequest__Output } from '../../../inferadb/management/v1/ChangePasswordRequest';
import type { ChangePasswordResponse as _inferadb_management_v1_ChangePasswordResponse, ChangePasswordResponse__Output as _inferadb_management_v1_ChangePasswordResponse__Output } from '../../../inferadb/management/v1/ChangePasswordResponse';
import type { DeleteEmailRequest as _inferadb_management_v1_DeleteEmailRequest, DeleteEmailRequest__Output as _inferadb_management_v1_DeleteEmailRequest__Output } from '../../../inferadb/management/v1/DeleteEmailRequest';
import type { DeleteEmailResponse as _inferadb_management_v1_DeleteEmailResponse, DeleteEmailResponse__Output as _inferadb_management_v1_DeleteEmailResponse__Output } from '../../../inferadb/management/v1/DeleteEmailResponse';
import type { DeleteMeRequest as _inferadb_management_v1_DeleteMeRequest, DeleteMeRequest__Output as _inferadb_management_v1_DeleteMeRequest__Output } from '../../../inferadb/management/v1/DeleteMeRequest';
import type { DeleteMeResponse as _inferadb_management_v1_DeleteMeResponse, DeleteMeResponse__Output as _inferadb_management_v1_DeleteMeResponse__Output } from '../../../inferadb/management/v1/DeleteMeResponse';
import type { DeletePasskeyRequest as _inferadb_management_v1_DeletePasskeyRequest, DeletePasskeyRequest__Output as _inferadb_management_v1_DeletePasskeyRequest__Output } from '../../../inferadb/management/v1/DeletePasskeyRequest';
import type { DeletePasskeyResponse as _inferadb_management_v1_DeletePasskeyResponse, DeletePasskeyResponse__Output as _inferadb_management_v1_DeletePasskeyResponse__Output } from '../../../inferadb/management/v1/DeletePasskeyResponse';
import type { FinishPasskeyRegistrationRequest as _inferadb_management_v1_FinishPasskeyRegistrationRequest, FinishPasskeyRegistrationRequest__Output as _inferadb_management_v1_FinishPasskeyRegistrationRequest__Output } from '../../../inferadb/management/v1/FinishPasskeyRegistrationRequest';
import type { FinishPasskeyRegistrationResponse as _inferadb_management_v1_FinishPasskeyRegistrationResponse, FinishPasskeyRegistrationResponse__Output as _inferadb_management_v1_FinishPasskeyRegistrationResponse__Output } from '../../../inferadb/management/v1/FinishPasskeyRegistrationResponse';
import type { GetMeRequest as _inferadb_management_v1_GetMeRequest, GetMeRequest__Output as _inferadb_management_v1_GetMeRequest__Output } from '../../../inferadb/management/v1/GetMeRequest';
import type { GetMeResponse as _inferadb_management_v1_GetMeResponse, GetMeResponse__Output as _inferadb_management_v1_GetMeResponse__Output } from '../../../inferadb/management/v1/GetMeResponse';
import type { ListEmailsRequest as _inferadb_management_v1_ListEmailsRequest, ListEmailsRequest__Output as _inferadb_management_v1_ListEmailsRequest__Output } from '../../../inferadb/management/v1/ListEmailsRequest';
import type { ListEmailsResponse as _inferadb_management_v1_ListEmailsResponse, ListEmailsResponse__Output as _inferadb_management_v1_ListEmailsResponse__Output } from '../../../inferadb/management/v1/ListEmailsResponse';
import type { ListPasskeysRequest as _inferadb_management_v1_ListPasskeysRequest, ListPasskeysRequest__Output as _inferadb_management_v1_ListPasskeysRequest__Output } from '../../../inferadb/management/v1/ListPasskeysRequest';
import type { ListPasskeysResponse as _inferadb_management_v1_ListPasskeysResponse, ListPasskeysResponse__Output as _inferadb_management_v1_ListPasskeysResponse__Output } from '../../../inferadb/management/v1/ListPasskeysResponse';
import type { ListSessionsRequest as _inferadb_management_v1_ListSessionsRequest, ListSessionsRequest__Output as _inferadb_management_v1_ListSessionsRequest__Output } from '../../../inferadb/management/v1/ListSessionsRequest';
import type { ListSessionsResponse as _inferadb_management_v1_ListSessionsResponse, ListSessionsResponse__Output as _inferadb_management_v1_ListSessionsResponse__Output } from '../../../inferadb/management/v1/ListSessionsResponse';
import type { RenamePasskeyRequest as _inferadb_management_v1_RenamePasskeyRequest, RenamePasskeyRequest__Output as _inferadb_management_v1_RenamePasskeyRequest__Output } from '../../../inferadb/management/v1/RenamePasskeyRequest';
import type { RenamePasskeyResponse as _inferadb_management_v1_RenamePasskeyResponse, RenamePasskeyResponse__Output as _inferadb_management_v1_RenamePasskeyResponse__Output } from '../../../inferadb/management/v1/RenamePasskeyResponse';
import type { ResendVerificationRequest as _inferadb_management_v1_ResendVerificationRequest, ResendVerificationRequest__Output as _inferadb_management_v1_ResendVerificationRequest__Output } from '../../../inferadb/management/v1/ResendVerificationRequest';
import type { ResendVerificationResponse as _inferadb_management_v1_ResendVerificationResponse, ResendVerificationResponse__Output as _inferadb_management_v1_ResendVerificationResponse__Output } from '../../../inferadb/management/v1/ResendVerificationResponse';
import type { RevokeOtherSessionsRequest as _inferadb_management_v1_RevokeOtherSessionsRequest, RevokeOtherSessionsRequest__Output as _inferadb_management_v1_RevokeOtherSessionsRequest__Output } from '../../../inferadb/management/v1/RevokeOtherSessionsRequest';
import type { RevokeOtherSessionsResponse as _inferadb_management_v1_RevokeOtherSessionsResponse, RevokeOtherSessionsResponse__Output as _inferadb_management_v1_RevokeOtherSessionsResponse__Output } from '../../../inferadb/management/v1/RevokeOtherSessionsResponse';
import type { RevokeSessionRequest as _inferadb_management_v1_RevokeSessionRequest, RevokeSessionRequest__Output as _inferadb_management_v1_RevokeSessionRequest__Output } from '../../../inferadb/management/v1/RevokeSessionRequest';
import type { RevokeSessionResponse as _inferadb_management_v1_RevokeSessionResponse, RevokeSessionResponse__Output as _inferadb_management_v1_RevokeSessionResponse__Output } from '../../../inferadb/management/v1/RevokeSessionResponse';
import type { SetPrimaryEmailRequest as _inferadb_management_v1_SetPrimaryEmailRequest, SetPrimaryEmailRequest__Output as _inferadb_management_v1_SetPrimaryEmailRequest__Output } from '../../../inferadb/management/v1/SetPrimaryEmailRequest';
import type { SetPrimaryEmailResponse as _inferadb_management_v1_SetPrimaryEmailResponse, SetPrimaryEmailResponse__Output as _inferadb_management_v1_SetPrimaryEmailResponse__Output } from '../../../inferadb/management/v1/SetPrimaryEmailResponse';
import type { UpdateMeRequest as _inferadb_management_v1_UpdateMeRequest, UpdateMeRequest__Output as _inferadb_management_v1_UpdateMeRequest__Output } from '../../../inferadb/management/v1/UpdateMeRequest';
import type { UpdateMeResponse as _inferadb_management_v1_UpdateMeResponse, UpdateMeResponse__Output as _inferadb_management_v1_UpdateMeResponse__Output } from '../../../inferadb/management/v1/UpdateMeResponse';

export interface UserServiceClient extends grpc.Client {
  AddEmail(argument: _inferadb_management_v1_AddEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  AddEmail(argument: _inferadb_management_v1_AddEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  AddEmail(argument: _inferadb_management_v1_AddEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  AddEmail(argument: _inferadb_management_v1_AddEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  addEmail(argument: _inferadb_management_v1_AddEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  addEmail(argument: _inferadb_management_v1_AddEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  addEmail(argument: _inferadb_management_v1_AddEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  addEmail(argument: _inferadb_management_v1_AddEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_AddEmailResponse__Output>): grpc.ClientUnaryCall;
  
  BeginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  BeginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  BeginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  BeginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeyRegistration(argument: _inferadb_management_v1_BeginPasskeyRegistrationRequest, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  
  ChangePassword(argument: _inferadb_management_v1_ChangePasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  ChangePassword(argument: _inferadb_management_v1_ChangePasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  ChangePassword(argument: _inferadb_management_v1_ChangePasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  ChangePassword(argument: _inferadb_management_v1_ChangePasswordRequest, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _inferadb_management_v1_ChangePasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _inferadb_management_v1_ChangePasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _inferadb_management_v1_ChangePasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _inferadb_management_v1_ChangePasswordRequest, callback: grpc.requestCallback<_inferadb_management_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  DeleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  DeleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  DeleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  deleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  deleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  deleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  deleteEmail(argument: _inferadb_management_v1_DeleteEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteEmailResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteMe(argument: _inferadb_management_v1_DeleteMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  DeleteMe(argument: _inferadb_management_v1_DeleteMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  DeleteMe(argument: _inferadb_management_v1_DeleteMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  DeleteMe(argument: _inferadb_management_v1_DeleteMeRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  deleteMe(argument: _inferadb_management_v1_DeleteMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  deleteMe(argument: _inferadb_management_v1_DeleteMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  deleteMe(argument: _inferadb_management_v1_DeleteMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  deleteMe(argument: _inferadb_management_v1_DeleteMeRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteMeResponse__Output>): grpc.ClientUnaryCall;
  
  DeletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  DeletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  DeletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  DeletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  deletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  deletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  deletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  deletePasskey(argument: _inferadb_management_v1_DeletePasskeyRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeletePasskeyResponse__Output>): grpc.ClientUnaryCall;
  
  FinishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  FinishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  FinishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  FinishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeyRegistration(argument: _inferadb_management_v1_FinishPasskeyRegistrationRequest, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>): grpc.ClientUnaryCall;
  
  GetMe(argument: _inferadb_management_v1_GetMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _inferadb_management_v1_GetMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _inferadb_management_v1_GetMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _inferadb_management_v1_GetMeRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  getMe(argument: _inferadb_management_v1_GetMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  getMe(argument: _inferadb_management_v1_GetMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  getMe(argument: _inferadb_management_v1_GetMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  getMe(argument: _inferadb_management_v1_GetMeRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetMeResponse__Output>): grpc.ClientUnaryCall;
  
  ListEmails(argument: _inferadb_management_v1_ListEmailsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  ListEmails(argument: _inferadb_management_v1_ListEmailsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  ListEmails(argument: _inferadb_management_v1_ListEmailsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  ListEmails(argument: _inferadb_management_v1_ListEmailsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  listEmails(argument: _inferadb_management_v1_ListEmailsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  listEmails(argument: _inferadb_management_v1_ListEmailsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  listEmails(argument: _inferadb_management_v1_ListEmailsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  listEmails(argument: _inferadb_management_v1_ListEmailsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListEmailsResponse__Output>): grpc.ClientUnaryCall;
  
  ListPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  ListPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  ListPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  ListPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  listPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  listPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  listPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  listPasskeys(argument: _inferadb_management_v1_ListPasskeysRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListPasskeysResponse__Output>): grpc.ClientUnaryCall;
  
  ListSessions(argument: _inferadb_management_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _inferadb_management_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _inferadb_management_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  ListSessions(argument: _inferadb_management_v1_ListSessionsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _inferadb_management_v1_ListSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _inferadb_management_v1_ListSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _inferadb_management_v1_ListSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  listSessions(argument: _inferadb_management_v1_ListSessionsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  RenamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  RenamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  RenamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  RenamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  renamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  renamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  renamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  renamePasskey(argument: _inferadb_management_v1_RenamePasskeyRequest, callback: grpc.requestCallback<_inferadb_management_v1_RenamePasskeyResponse__Output>): grpc.ClientUnaryCall;
  
  ResendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  ResendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  ResendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  ResendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  resendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  resendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  resendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  resendVerification(argument: _inferadb_management_v1_ResendVerificationRequest, callback: grpc.requestCallback<_inferadb_management_v1_ResendVerificationResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  RevokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  RevokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  RevokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  revokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  revokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  revokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  revokeOtherSessions(argument: _inferadb_management_v1_RevokeOtherSessionsRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeOtherSessionsResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  RevokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  RevokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  RevokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  revokeSession(argument: _inferadb_management_v1_RevokeSessionRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeSessionResponse__Output>): grpc.ClientUnaryCall;
  
  SetPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  SetPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  SetPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  SetPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  setPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  setPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  setPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  setPrimaryEmail(argument: _inferadb_management_v1_SetPrimaryEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_SetPrimaryEmailResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateMe(argument: _inferadb_management_v1_UpdateMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  UpdateMe(argument: _inferadb_management_v1_UpdateMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  UpdateMe(argument: _inferadb_management_v1_UpdateMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  UpdateMe(argument: _inferadb_management_v1_UpdateMeRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  updateMe(argument: _inferadb_management_v1_UpdateMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  updateMe(argument: _inferadb_management_v1_UpdateMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  updateMe(argument: _inferadb_management_v1_UpdateMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  updateMe(argument: _inferadb_management_v1_UpdateMeRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateMeResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface UserServiceHandlers extends grpc.UntypedServiceImplementation {
  AddEmail: grpc.handleUnaryCall<_inferadb_management_v1_AddEmailRequest__Output, _inferadb_management_v1_AddEmailResponse>;
  
  BeginPasskeyRegistration: grpc.handleUnaryCall<_inferadb_management_v1_BeginPasskeyRegistrationRequest__Output, _inferadb_management_v1_BeginPasskeyRegistrationResponse>;
  
  ChangePassword: grpc.handleUnaryCall<_inferadb_management_v1_ChangePasswordRequest__Output, _inferadb_management_v1_ChangePasswordResponse>;
  
  DeleteEmail: grpc.handleUnaryCall<_inferadb_management_v1_DeleteEmailRequest__Output, _inferadb_management_v1_DeleteEmailResponse>;
  
  DeleteMe: grpc.handleUnaryCall<_inferadb_management_v1_DeleteMeRequest__Output, _inferadb_management_v1_DeleteMeResponse>;
  
  DeletePasskey: grpc.handleUnaryCall<_inferadb_management_v1_DeletePasskeyRequest__Output, _inferadb_management_v1_DeletePasskeyResponse>;
  
  FinishPasskeyRegistration: grpc.handleUnaryCall<_inferadb_management_v1_FinishPasskeyRegistrationRequest__Output, _inferadb_management_v1_FinishPasskeyRegistrationResponse>;
  
  GetMe: grpc.handleUnaryCall<_inferadb_management_v1_GetMeRequest__Output, _inferadb_management_v1_GetMeResponse>;
  
  ListEmails: grpc.handleUnaryCall<_inferadb_management_v1_ListEmailsRequest__Output, _inferadb_management_v1_ListEmailsResponse>;
  
  ListPasskeys: grpc.handleUnaryCall<_inferadb_management_v1_ListPasskeysRequest__Output, _inferadb_management_v1_ListPasskeysResponse>;
  
  ListSessions: grpc.handleUnaryCall<_inferadb_management_v1_ListSessionsRequest__Output, _inferadb_management_v1_ListSessionsResponse>;
  
  RenamePasskey: grpc.handleUnaryCall<_inferadb_management_v1_RenamePasskeyRequest__Output, _inferadb_management_v1_RenamePasskeyResponse>;
  
  ResendVerification: grpc.handleUnaryCall<_inferadb_management_v1_ResendVerificationRequest__Output, _inferadb_management_v1_ResendVerificationResponse>;
  
  RevokeOtherSessions: grpc.handleUnaryCall<_inferadb_management_v1_RevokeOtherSessionsRequest__Output, _inferadb_management_v1_RevokeOtherSessionsResponse>;
  
  RevokeSession: grpc.handleUnaryCall<_inferadb_management_v1_RevokeSessionRequest__Output, _inferadb_management_v1_RevokeSessionResponse>;
  
  SetPrimaryEmail: grpc.handleUnaryCall<_inferadb_management_v1_SetPrimaryEmailRequest__Output, _inferadb_management_v1_SetPrimaryEmailResponse>;
  
  UpdateMe: grpc.handleUnaryCall<_inferadb_management_v1_UpdateMeRequest__Output, _inferadb_management_v1_UpdateMeResponse>;
  
}

export interface UserServiceDefinition extends grpc.ServiceDefinition {
  AddEmail: MethodDefinition<_inferadb_management_v1_AddEmailRequest, _inferadb_management_v1_AddEmailResponse, _inferadb_management_v1_AddEmailRequest__Output, _inferadb_management_v1_AddEmailResponse__Output>
  BeginPasskeyRegistration: MethodDefinition<_inferadb_management_v1_BeginPasskeyRegistrationRequest, _inferadb_management_v1_BeginPasskeyRegistrationResponse, _inferadb_management_v1_BeginPasskeyRegistrationRequest__Output, _inferadb_management_v1_BeginPasskeyRegistrationResponse__Output>
  ChangePassword: MethodDefinition<_inferadb_management_v1_ChangePasswordRequest, _inferadb_management_v1_ChangePasswordResponse, _inferadb_management_v1_ChangePasswordRequest__Output, _inferadb_management_v1_ChangePasswordResponse__Output>
  DeleteEmail: MethodDefinition<_inferadb_management_v1_DeleteEmailRequest, _inferadb_management_v1_DeleteEmailResponse, _inferadb_management_v1_DeleteEmailRequest__Output, _inferadb_management_v1_DeleteEmailResponse__Output>
  DeleteMe: MethodDefinition<_inferadb_management_v1_DeleteMeRequest, _inferadb_management_v1_DeleteMeResponse, _inferadb_management_v1_DeleteMeRequest__Output, _inferadb_management_v1_DeleteMeResponse__Output>
  DeletePasskey: MethodDefinition<_inferadb_management_v1_DeletePasskeyRequest, _inferadb_management_v1_DeletePasskeyResponse, _inferadb_management_v1_DeletePasskeyRequest__Output, _inferadb_management_v1_DeletePasskeyResponse__Output>
  FinishPasskeyRegistration: MethodDefinition<_inferadb_management_v1_FinishPasskeyRegistrationRequest, _inferadb_management_v1_FinishPasskeyRegistrationResponse, _inferadb_management_v1_FinishPasskeyRegistrationRequest__Output, _inferadb_management_v1_FinishPasskeyRegistrationResponse__Output>
  GetMe: MethodDefinition<_inferadb_management_v1_GetMeRequest, _inferadb_management_v1_GetMeResponse, _inferadb_management_v1_GetMeRequest__Output, _inferadb_management_v1_GetMeResponse__Output>
  ListEmails: MethodDefinition<_inferadb_management_v1_ListEmailsRequest, _inferadb_management_v1_ListEmailsResponse, _inferadb_management_v1_ListEmailsRequest__Output, _inferadb_management_v1_ListEmailsResponse__Output>
  ListPasskeys: MethodDefinition<_inferadb_management_v1_ListPasskeysRequest, _inferadb_management_v1_ListPasskeysResponse, _inferadb_management_v1_ListPasskeysRequest__Output, _inferadb_management_v1_ListPasskeysResponse__Output>
  ListSessions: MethodDefinition<_inferadb_management_v1_ListSessionsRequest, _inferadb_management_v1_ListSessionsResponse, _inferadb_management_v1_ListSessionsRequest__Output, _inferadb_management_v1_ListSessionsResponse__Output>
  RenamePasskey: MethodDefinition<_inferadb_management_v1_RenamePasskeyRequest, _inferadb_management_v1_RenamePasskeyResponse, _inferadb_management_v1_RenamePasskeyRequest__Output, _inferadb_management_v1_RenamePasskeyResponse__Output>
  ResendVerification: MethodDefinition<_inferadb_management_v1_ResendVerificationRequest, _inferadb_management_v1_ResendVerificationResponse, _inferadb_management_v1_ResendVerificationRequest__Output, _inferadb_management_v1_ResendVerificationResponse__Output>
  RevokeOtherSessions: MethodDefinition<_inferadb_management_v1_RevokeOtherSessionsRequest, _inferadb_management_v1_RevokeOtherSessionsResponse, _inferadb_management_v1_RevokeOtherSessionsRequest__Output, _inferadb_management_v1_RevokeOtherSessionsResponse__Output>
  RevokeSession: MethodDefinition<_inferadb_management_v1_RevokeSessionRequest, _inferadb_management_v1_RevokeSessionResponse, _inferadb_management_v1_RevokeSessionRequest__Output, _inferadb_management_v1_RevokeSessionResponse__Output>
  SetPrimaryEmail: MethodDefinition<_inferadb_management_v1_SetPrimaryEmailRequest, _inferadb_management_v1_SetPrimaryEmailResponse, _inferadb_management_v1_SetPrimaryEmailRequest__Output, _inferadb_management_v1_SetPrimaryEmailResponse__Output>
  UpdateMe: MethodDefinition<_inferadb_management_v1_UpdateMeRequest, _inferadb_management_v1_UpdateMeResponse, _inferadb_management_v1_UpdateMeRequest__Output, _inferadb_management_v1_UpdateMeResponse__Output>
}
