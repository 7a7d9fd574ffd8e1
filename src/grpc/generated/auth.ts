import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuthServiceClient as _inferadb_management_v1_AuthServiceClient, AuthServiceDefinition as _inferadb_management_v1_AuthServiceDefinition } from './inferadb/management/v1/AuthService';
import type { AuthorizeCliRequest as _inferadb_management_v1_AuthorizeCliRequest, AuthorizeCliRequest__Output as _inferadb_management_v1_AuthorizeCliRequest__Output } from './inferadb/management/v1/AuthorizeCliRequest';
import type { AuthorizeCliResponse as _inferadb_management_v1_AuthorizeCliResponse, AuthorizeCliResponse__Output as _inferadb_management_v1_AuthorizeCliResponse__Output } from './inferadb/management/v1/AuthorizeCliResponse';
import type { BeginPasskeySignInRequest as _inferadb_management_v1_BeginPasskeySignInRequest, BeginPasskeySignInRequest__Output as _inferadb_management_v1_BeginPasskeySignInRequest__Output } from './inferadb/management/v1/BeginPasskeySignInRequest';
import type { BeginPasskeySignInResponse as _inferadb_management_v1_BeginPasskeySignInResponse, BeginPasskeySignInResponse__Output as _inferadb_management_v1_BeginPasskeySignInResponse__Output } from './inferadb/management/v1/BeginPasskeySignInResponse';
import type { ConfirmPasswordResetRequest as _inferadb_management_v1_ConfirmPasswordResetRequest, ConfirmPasswordResetRequest__Output as _inferadb_management_v1_ConfirmPasswordResetRequest__Output } from './inferadb/management/v1/ConfirmPasswordResetRequest';
import type { ConfirmPasswordResetResponse as _inferadb_management_v1_ConfirmPasswordResetResponse, ConfirmPasswordResetResponse__Output as _inferadb_management_v1_ConfirmPasswordResetResponse__Output } from './inferadb/management/v1/ConfirmPasswordResetResponse';
import type { ExchangeCliCodeRequest as _inferadb_management_v1_ExchangeCliCodeRequest, ExchangeCliCodeRequest__Output as _inferadb_management_v1_ExchangeCliCodeRequest__Output } from './inferadb/management/v1/ExchangeCliCodeRequest';
import type { ExchangeCliCodeResponse as _inferadb_management_v1_ExchangeCliCodeResponse, ExchangeCliCodeResponse__Output as _inferadb_management_v1_ExchangeCliCodeResponse__Output } from './inferadb/management/v1/ExchangeCliCodeResponse';
import type { ExchangeNativeTokenRequest as _inferadb_management_v1_ExchangeNativeTokenRequest, ExchangeNativeTokenRequest__Output as _inferadb_management_v1_ExchangeNativeTokenRequest__Output } from './inferadb/management/v1/ExchangeNativeTokenRequest';
import type { ExchangeNativeTokenResponse as _inferadb_management_v1_ExchangeNativeTokenResponse, ExchangeNativeTokenResponse__Output as _inferadb_management_v1_ExchangeNativeTokenResponse__Output } from './inferadb/management/v1/ExchangeNativeTokenResponse';
import type { FinishPasskeySignInRequest as _inferadb_management_v1_FinishPasskeySignInRequest, FinishPasskeySignInRequest__Output as _inferadb_management_v1_FinishPasskeySignInRequest__Output } from './inferadb/management/v1/FinishPasskeySignInRequest';
import type { FinishPasskeySignInResponse as _inferadb_management_v1_FinishPasskeySignInResponse, FinishPasskeySignInResponse__Output as _inferadb_management_v1_FinishPasskeySignInResponse__Output } from './inferadb/management/v1/FinishPasskeySignInResponse';
import type { LoginPasswordRequest as _inferadb_management_v1_LoginPasswordRequest, LoginPasswordRequest__Output as _inferadb_management_v1_LoginPasswordRequest__Output } from './inferadb/management/v1/LoginPasswordRequest';
import type { LoginPasswordResponse as _inferadb_management_v1_LoginPasswordResponse, LoginPasswordResponse__Output as _inferadb_management_v1_LoginPasswordResponse__Output } from './inferadb/management/v1/LoginPasswordResponse';
import type { LogoutRequest as _inferadb_management_v1_LogoutRequest, LogoutRequest__Output as _inferadb_management_v1_LogoutRequest__Output } from './inferadb/management/v1/LogoutRequest';
import type { LogoutResponse as _inferadb_management_v1_LogoutResponse, LogoutResponse__Output as _inferadb_management_v1_LogoutResponse__Output } from './inferadb/management/v1/LogoutResponse';
import type { RegisterRequest as _inferadb_management_v1_RegisterRequest, RegisterRequest__Output as _inferadb_management_v1_RegisterRequest__Output } from './inferadb/management/v1/RegisterRequest';
import type { RegisterResponse as _inferadb_management_v1_RegisterResponse, RegisterResponse__Output as _inferadb_management_v1_RegisterResponse__Output } from './inferadb/management/v1/RegisterResponse';
import type { RequestPasswordResetRequest as _inferadb_management_v1_RequestPasswordResetRequest, RequestPasswordResetRequest__Output as _inferadb_management_v1_RequestPasswordResetRequest__Output } from './inferadb/management/v1/RequestPasswordResetRequest';
import type { RequestPasswordResetResponse as _inferadb_management_v1_RequestPasswordResetResponse, RequestPasswordResetResponse__Output as _inferadb_management_v1_RequestPasswordResetResponse__Output } from './inferadb/management/v1/RequestPasswordResetResponse';
import type { StartDeviceAuthorizationRequest as _inferadb_management_v1_StartDeviceAuthorizationRequest, StartDeviceAuthorizationRequest__Output as _inferadb_management_v1_StartDeviceAuthorizationRequest__Output } from './inferadb/management/v1/StartDeviceAuthorizationRequest';
import type { StartDeviceAuthorizationResponse as _inferadb_management_v1_StartDeviceAuthorizationResponse, StartDeviceAuthorizationResponse__Output as _inferadb_management_v1_StartDeviceAuthorizationResponse__Output } from './inferadb/management/v1/StartDeviceAuthorizationResponse';
import type { VerifyEmailRequest as _inferadb_management_v1_VerifyEmailRequest, VerifyEmailRequest__Output as _inferadb_management_v1_VerifyEmailRequest__Output } from './inferadb/management/v1/VerifyEmailRequest';
import type { VerifyEmailResponse as _inferadb_management_v1_VerifyEmailResponse, VerifyEmailResponse__Output as _inferadb_management_v1_VerifyEmailResponse__Output } from './inferadb/management/v1/VerifyEmailResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        AuthService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_AuthServiceClient> & { service: _inferadb_management_v1_AuthServiceDefinition }
        AuthorizeCliRequest: MessageTypeDefinition<_inferadb_management_v1_AuthorizeCliRequest, _inferadb_management_v1_AuthorizeCliRequest__Output>
        AuthorizeCliResponse: MessageTypeDefinition<_inferadb_management_v1_AuthorizeCliResponse, _inferadb_management_v1_AuthorizeCliResponse__Output>
        BeginPasskeySignInRequest: MessageTypeDefinition<_inferadb_management_v1_BeginPasskeySignInRequest, _inferadb_management_v1_BeginPasskeySignInRequest__Output>
        BeginPasskeySignInResponse: MessageTypeDefinition<_inferadb_management_v1_BeginPasskeySignInResponse, _inferadb_management_v1_BeginPasskeySignInResponse__Output>
        ConfirmPasswordResetRequest: MessageTypeDefinition<_inferadb_management_v1_ConfirmPasswordResetRequest, _inferadb_management_v1_ConfirmPasswordResetRequest__Output>
        ConfirmPasswordResetResponse: MessageTypeDefinition<_inferadb_management_v1_ConfirmPasswordResetResponse, _inferadb_management_v1_ConfirmPasswordResetResponse__Output>
        ExchangeCliCodeRequest: MessageTypeDefinition<_inferadb_management_v1_ExchangeCliCodeRequest, _inferadb_management_v1_ExchangeCliCodeRequest__Output>
        ExchangeCliCodeResponse: MessageTypeDefinition<_inferadb_management_v1_ExchangeCliCodeResponse, _inferadb_management_v1_ExchangeCliCodeResponse__Output>
        ExchangeNativeTokenRequest: MessageTypeDefinition<_inferadb_management_v1_ExchangeNativeTokenRequest, _inferadb_management_v1_ExchangeNativeTokenRequest__Output>
        ExchangeNativeTokenResponse: MessageTypeDefinition<_inferadb_management_v1_ExchangeNativeTokenResponse, _inferadb_management_v1_ExchangeNativeTokenResponse__Output>
        FinishPasskeySignInRequest: MessageTypeDefinition<_inferadb_management_v1_FinishPasskeySignInRequest, _inferadb_management_v1_FinishPasskeySignInRequest__Output>
        FinishPasskeySignInResponse: MessageTypeDefinition<_inferadb_management_v1_FinishPasskeySignInResponse, _inferadb_management_v1_FinishPasskeySignInResponse__Output>
        LoginPasswordRequest: MessageTypeDefinition<_inferadb_management_v1_LoginPasswordRequest, _inferadb_management_v1_LoginPasswordRequest__Output>
        LoginPasswordResponse: MessageTypeDefinition<_inferadb_management_v1_LoginPasswordResponse, _inferadb_management_v1_LoginPasswordResponse__Output>
        LogoutRequest: MessageTypeDefinition<_inferadb_management_v1_LogoutRequest, _inferadb_management_v1_LogoutRequest__Output>
        LogoutResponse: MessageTypeDefinition<_inferadb_management_v1_LogoutResponse, _inferadb_management_v1_LogoutResponse__Output>
        RegisterRequest: MessageTypeDefinition<_inferadb_management_v1_RegisterRequest, _inferadb_management_v1_RegisterRequest__Output>
        RegisterResponse: MessageTypeDefinition<_inferadb_management_v1_RegisterResponse, _inferadb_management_v1_RegisterResponse__Output>
        RequestPasswordResetRequest: MessageTypeDefinition<_inferadb_management_v1_RequestPasswordResetRequest, _inferadb_management_v1_RequestPasswordResetRequest__Output>
        RequestPasswordResetResponse: MessageTypeDefinition<_inferadb_management_v1_RequestPasswordResetResponse, _inferadb_management_v1_RequestPasswordResetResponse__Output>
        StartDeviceAuthorizationRequest: MessageTypeDefinition<_inferadb_management_v1_StartDeviceAuthorizationRequest, _inferadb_management_v1_StartDeviceAuthorizationRequest__Output>
        StartDeviceAuthorizationResponse: MessageTypeDefinition<_inferadb_management_v1_StartDeviceAuthorizationResponse, _inferadb_management_v1_StartDeviceAuthorizationResponse__Output>
        VerifyEmailRequest: MessageTypeDefinition<_inferadb_management_v1_VerifyEmailRequest, _inferadb_management_v1_VerifyEmailRequest__Output>
        VerifyEmailResponse: MessageTypeDefinition<_inferadb_management_v1_VerifyEmailResponse, _inferadb_management_v1_VerifyEmailResponse__Output>
      }
    }
  }
}

