// Original file: proto/inferadb/management/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConfirmPasswordResetRequest as _inferadb_management_v1_ConfirmPasswordResetRequest, ConfirmPasswordResetRequest__Output as _inferadb_management_v1_ConfirmPasswordResetRequest__Output } from '../../../inferadb/management/v1/ConfirmPasswordResetRequest';
import type { ConfirmPasswordResetResponse as _inferadb_management_v1_ConfirmPasswordResetResponse, ConfirmPasswordResetResponse__Output as _inferadb_management_v1_ConfirmPasswordResetResponse__Output } from '../../../inferadb/management/v1/ConfirmPasswordResetResponse';
import type { LoginPasswordRequest as _inferadb_management_v1_LoginPasswordRequest, LoginPasswordRequest__Output as _inferadb_management_v1_LoginPasswordRequest__Output } from '../../../inferadb/management/v1/LoginPasswordRequest';
import type { LoginPasswordResponse as _inferadb_management_v1_LoginPasswordResponse, LoginPasswordResponse__Output as _inferadb_management_v1_LoginPasswordResponse__Output } from '../../../inferadb/management/v1/LoginPasswordResponse';
import type { LogoutRequest as _inferadb_management_v1_LogoutRequest, LogoutRequest__Output as _inferadb_management_v1_LogoutRequest__Output } from '../../../inferadb/management/v1/LogoutRequest';
import type { LogoutResponse as _inferadb_management_v1_LogoutResponse, LogoutResponse__Output as _inferadb_management_v1_LogoutResponse__Output } from '../../../inferadb/management/v1/LogoutResponse';
import type { RegisterRequest as _inferadb_management_v1_RegisterRequest, RegisterRequest__Output as _inferadb_management_v1_RegisterRequest__Output } from '../../../inferadb/management/v1/RegisterRequest';
import type { RegisterResponse as _inferadb_management_v1_RegisterResponse, RegisterResponse__Output as _inferadb_management_v1_RegisterResponse__Output } from '../../../inferadb/management/v1/RegisterResponse';
import type { RequestPasswordResetRequest as _inferadb_management_v1_RequestPasswordResetRequest, RequestPasswordResetRequest__Output as _inferadb_management_v1_RequestPasswordResetRequest__Output } from '../../../inferadb/management/v1/RequestPasswordResetRequest';
import type { RequestPasswordResetResponse as _inferadb_management_v1_RequestPasswordResetResponse, RequestPasswordResetResponse__Output as _inferadb_management_v1_RequestPasswordResetResponse__Output } from '../../../inferadb/management/v1/RequestPasswordResetResponse';
import type { VerifyEmailRequest as _inferadb_management_v1_VerifyEmailRequest, VerifyEmailRequest__Output as _inferadb_management_v1_VerifyEmailRequest__Output } from '../../../inferadb/management/v1/VerifyEmailRequest';
import type { VerifyEmailResponse as _inferadb_management_v1_VerifyEmailResponse, VerifyEmailResponse__Output as _inferadb_management_v1_VerifyEmailResponse__Output } from '../../../inferadb/management/v1/VerifyEmailResponse';

export interface AuthServiceClient extends grpc.Client {
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  
  LoginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  LoginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  LoginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  LoginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  loginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  loginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  loginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  loginPassword(argument: _inferadb_management_v1_LoginPasswordRequest, callback: grpc.requestCallback<_inferadb_management_v1_LoginPasswordResponse__Output>): grpc.ClientUnaryCall;
  
  Logout(argument: _inferadb_management_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _inferadb_management_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _inferadb_management_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _inferadb_management_v1_LogoutRequest, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _inferadb_management_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _inferadb_management_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _inferadb_management_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _inferadb_management_v1_LogoutRequest, callback: grpc.requestCallback<_inferadb_management_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  
  Register(argument: _inferadb_management_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _inferadb_management_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _inferadb_management_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  Register(argument: _inferadb_management_v1_RegisterRequest, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _inferadb_management_v1_RegisterRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _inferadb_management_v1_RegisterRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _inferadb_management_v1_RegisterRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  register(argument: _inferadb_management_v1_RegisterRequest, callback: grpc.requestCallback<_inferadb_management_v1_RegisterResponse__Output>): grpc.ClientUnaryCall;
  
  RequestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  RequestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  RequestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  RequestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  requestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  requestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  requestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  requestPasswordReset(argument: _inferadb_management_v1_RequestPasswordResetRequest, callback: grpc.requestCallback<_inferadb_management_v1_RequestPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  VerifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  VerifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  VerifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  verifyEmail(argument: _inferadb_management_v1_VerifyEmailRequest, callback: grpc.requestCallback<_inferadb_management_v1_VerifyEmailResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  ConfirmPasswordReset: grpc.handleUnaryCall<_inferadb_management_v1_ConfirmPasswordResetRequest__Output, _inferadb_management_v1_ConfirmPasswordResetResponse>;
  
  LoginPassword: grpc.handleUnaryCall<_inferadb_management_v1_LoginPasswordRequest__Output, _inferadb_management_v1_LoginPasswordResponse>;
  
  Logout: grpc.handleUnaryCall<_inferadb_management_v1_LogoutRequest__Output, _inferadb_management_v1_LogoutResponse>;
  
  Register: grpc.handleUnaryCall<_inferadb_management_v1_RegisterRequest__Output, _inferadb_management_v1_RegisterResponse>;
  
  RequestPasswordReset: grpc.handleUnaryCall<_inferadb_management_v1_RequestPasswordResetRequest__Output, _inferadb_management_v1_RequestPasswordResetResponse>;
  
  VerifyEmail: grpc.handleUnaryCall<_inferadb_management_v1_VerifyEmailRequest__Output, _inferadb_management_v1_VerifyEmailResponse>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  ConfirmPasswordReset: MethodDefinition<_inferadb_management_v1_ConfirmPasswordResetRequest, _inferadb_management_v1_ConfirmPasswordResetResponse, _inferadb_management_v1_ConfirmPasswordResetRequest__Output, _inferadb_management_v1_ConfirmPasswordResetResponse__Output>
  LoginPassword: MethodDefinition<_inferadb_management_v1_LoginPasswordRequest, _inferadb_management_v1_LoginPasswordResponse, _inferadb_management_v1_LoginPasswordRequest__Output, _inferadb_management_v1_LoginPasswordResponse__Output>
  Logout: MethodDefinition<_inferadb_management_v1_LogoutRequest, _inferadb_management_v1_LogoutResponse, _inferadb_management_v1_LogoutRequest__Output, _inferadb_management_v1_LogoutResponse__Output>
  Register: MethodDefinition<_inferadb_management_v1_RegisterRequest, _inferadb_management_v1_RegisterResponse, _inferadb_management_v1_RegisterRequest__Output, _inferadb_management_v1_RegisterResponse__Output>
  RequestPasswordReset: MethodDefinition<_inferadb_management_v1_RequestPasswordResetRequest, _inferadb_management_v1_RequestPasswordResetResponse, _inferadb_management_v1_RequestPasswordResetRequest__Output, _inferadb_management_v1_RequestPasswordResetResponse__Output>
  VerifyEmail: MethodDefinition<_inferadb_management_v1_VerifyEmailRequest, _inferadb_management_v1_VerifyEmailResponse, _inferadb_management_v1_VerifyEmailRequest__Output, _inferadb_management_v1_VerifyEmailResponse__Output>
}
