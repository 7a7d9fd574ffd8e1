// Original file: proto/inferadb/management/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthorizeCliRequest as _inferadb_management_v1_AuthorizeCliRequest, AuthorizeCliRequest__Output as _inferadb_management_v1_AuthorizeCliRequest__Output } from '../../../inferadb/management/v1/AuthorizeCliRequest';
import type { AuthorizeCliResponse as _inferadb_management_v1_AuthorizeCliResponse, AuthorizeCliResponse__Output as _inferadb_management_v1_AuthorizeCliResponse__Output } from '../../../inferadb/management/v1/AuthorizeCliResponse';
import type { BeginPasskeySignInRequest as _inferadb_management_v1_BeginPasskeySignInRequest, BeginPasskeySignInRequest__Output as _inferadb_management_v1_BeginPasskeySignInRequest__Output } from '../../../inferadb/management/v1/BeginPasskeySignInRequest';
import type { BeginPasskeySignInResponse as _inferadb_management_v1_BeginPasskeySignInResponse, BeginPasskeySignInResponse__Output as _inferadb_management_v1_BeginPasskeySignInResponse__Output } from '../../../inferadb/management/v1/BeginPasskeySignInResponse';
import type { ConfirmPasswordResetRequest as _inferadb_management_v1_ConfirmPasswordResetRequest, ConfirmPasswordResetRequest__Output as _inferadb_management_v1_ConfirmPasswordResetRequest__Output } from '../../../inferadb/management/v1/ConfirmPasswordResetRequest';
import type { ConfirmPasswordResetResponse as _inferadb_management_v1_ConfirmPasswordResetResponse, ConfirmPasswordResetResponse__Output as _inferadb_management_v1_ConfirmPasswordResetResponse__Output } from '../../../inferadb/management/v1/ConfirmPasswordResetResponse';
import type { ExchangeCliCodeRequest as _inferadb_management_v1_ExchangeCliCodeRequest, ExchangeCliCodeRequest__Output as _inferadb_management_v1_ExchangeCliCodeRequest__Output } from '../../../inferadb/management/v1/ExchangeCliCodeRequest';
import type { ExchangeCliCodeResponse as _inferadb_management_v1_ExchangeCliCodeResponse, ExchangeCliCodeResponse__Output as _inferadb_management_v1_ExchangeCliCodeResponse__Output } from '../../../inferadb/management/v1/ExchangeCliCodeResponse';
import type { ExchangeNativeTokenRequest as _inferadb_management_v1_ExchangeNativeTokenRequest, ExchangeNativeTokenRequest__Output as _inferadb_management_v1_ExchangeNativeTokenRequest__Output } from '../../../inferadb/management/v1/ExchangeNativeTokenRequest';
import type { ExchangeNativeTokenResponse as _inferadb_management_v1_ExchangeNativeTokenResponse, ExchangeNativeTokenResponse__Output as _inferadb_management_v1_ExchangeNativeTokenResponse__Output } from '../../../inferadb/management/v1/ExchangeNativeTokenResponse';
import type { FinishPasskeySignInRequest as _inferadb_management_v1_FinishPasskeySignInRequest, FinishPasskeySignInRequest__Output as _inferadb_management_v1_FinishPasskeySignInRequest__Output } from '../../../inferadb/management/v1/FinishPasskeySignInRequest';
import type { FinishPasskeySignInResponse as _inferadb_management_v1_FinishPasskeySignInResponse, FinishPasskeySignInResponse__Output as _inferadb_management_v1_FinishPasskeySignInResponse__Output } from '../../../inferadb/management/v1/FinishPasskeySignInResponse';
import type { LoginPasswordRequest as _inferadb_management_v1_LoginPasswordRequest, LoginPasswordRequest__Output as _inferadb_management_v1_LoginPasswordRequest__Output } from '../../../inferadb/management/v1/LoginPasswordRequest';
import type { LoginPasswordResponse as _inferadb_management_v1_LoginPasswordResponse, LoginPasswordResponse__Output as _inferadb_management_v1_LoginPasswordResponse__Output } from '../../../inferadb/management/v1/LoginPasswordResponse';
import type { LogoutRequest as _inferadb_management_v1_LogoutRequest, LogoutRequest__Output as _inferadb_management_v1_LogoutRequest__Output } from '../../../inferadb/management/v1/LogoutRequest';
import type { LogoutResponse as _inferadb_management_v1_LogoutResponse, LogoutResponse__Output as _inferadb_management_v1_LogoutResponse__Output } from '../../../inferadb/management/v1/LogoutResponse';
import type { RegisterRequest as _inferadb_management_v1_RegisterRequest, RegisterRequest__Output as _inferadb_management_v1_RegisterRequest__Output } from '../../../inferadb/management/v1/RegisterRequest';
import type { RegisterResponse as _inferadb_management_v1_RegisterResponse, RegisterResponse__Output as _inferadb_management_v1_RegisterResponse__Output } from '../../../inferadb/management/v1/RegisterResponse';
import type { RequestPasswordResetRequest as _inferadb_management_v1_RequestPasswordResetRequest, RequestPasswordResetRequest__Output as _inferadb_management_v1_RequestPasswordResetRequest__Output } from '../../../inferadb/management/v1/RequestPasswordResetRequest';
import type { RequestPasswordResetResponse as _inferadb_management_v1_RequestPasswordResetResponse, RequestPasswordResetResponse__Output as _inferadb_management_v1_RequestPasswordResetResponse__Output } from '../../../inferadb/management/v1/RequestPasswordResetResponse';
import type { StartDeviceAuthorizationRequest as _inferadb_management_v1_StartDeviceAuthorizationRequest, StartDeviceAuthorizationRequest__Output as _inferadb_management_v1_StartDeviceAuthorizationRequest__Output } from '../../../inferadb/management/v1/StartDeviceAuthorizationRequest';
import type { StartDeviceAuthorizationResponse as _inferadb_management_v1_StartDeviceAuthorizationResponse, StartDeviceAuthorizationResponse__Output as _inferadb_management_v1_StartDeviceAuthorizationResponse__Output } from '../../../inferadb/management/v1/StartDeviceAuthorizationResponse';
import type { VerifyEmailRequest as _inferadb_management_v1_VerifyEmailRequest, VerifyEmailRequest__Output as _inferadb_management_v1_VerifyEmailRequest__Output } from '../../../inferadb/management/v1/VerifyEmailRequest';
import type { VerifyEmailResponse as _inferadb_management_v1_VerifyEmailResponse, VerifyEmailResponse__Output as _inferadb_management_v1_VerifyEmailResponse__Output } from '../../../inferadb/management/v1/VerifyEmailResponse';

export interface AuthServiceClient extends grpc.Client {
  AuthorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  AuthorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  AuthorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  AuthorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  authorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  authorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  authorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  authorizeCli(argument: _inferadb_management_v1_AuthorizeCliRequest, callback: grpc.requestCallback<_inferadb_management_v1_AuthorizeCliResponse__Output>): grpc.ClientUnaryCall;
  
  BeginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  BeginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  BeginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  BeginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  beginPasskeySignIn(argument: _inferadb_management_v1_BeginPasskeySignInRequest, callback: grpc.requestCallback<_inferadb_management_v1_BeginPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  ConfirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  confirmPasswordReset(argument: _inferadb_management_v1_ConfirmPasswordResetRequest, callback: grpc.requestCallback<_inferadb_management_v1_ConfirmPasswordResetResponse__Output>): grpc.ClientUnaryCall;
  
  ExchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  ExchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  ExchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  ExchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  exchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  exchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  exchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  exchangeCliCode(argument: _inferadb_management_v1_ExchangeCliCodeRequest, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeCliCodeResponse__Output>): grpc.ClientUnaryCall;
  
  ExchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  ExchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  ExchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  ExchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  exchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  exchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  exchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  exchangeNativeToken(argument: _inferadb_management_v1_ExchangeNativeTokenRequest, callback: grpc.requestCallback<_inferadb_management_v1_ExchangeNativeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  FinishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  FinishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  FinishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  FinishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  finishPasskeySignIn(argument: _inferadb_management_v1_FinishPasskeySignInRequest, callback: grpc.requestCallback<_inferadb_management_v1_FinishPasskeySignInResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  StartDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  StartDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  StartDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  StartDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  startDeviceAuthorization(argument: _inferadb_management_v1_StartDeviceAuthorizationRequest, callback: grpc.requestCallback<_inferadb_management_v1_StartDeviceAuthorizationResponse__Output>): grpc.ClientUnaryCall;
  
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
  AuthorizeCli: grpc.handleUnaryCall<_inferadb_management_v1_AuthorizeCliRequest__Output, _inferadb_management_v1_AuthorizeCliResponse>;
  
  BeginPasskeySignIn: grpc.handleUnaryCall<_inferadb_management_v1_BeginPasskeySignInRequest__Output, _inferadb_management_v1_BeginPasskeySignInResponse>;
  
  ConfirmPasswordReset: grpc.handleUnaryCall<_inferadb_management_v1_ConfirmPasswordResetRequest__Output, _inferadb_management_v1_ConfirmPasswordResetResponse>;
  
  ExchangeCliCode: grpc.handleUnaryCall<_inferadb_management_v1_ExchangeCliCodeRequest__Output, _inferadb_management_v1_ExchangeCliCodeResponse>;
  
  ExchangeNativeToken: grpc.handleUnaryCall<_inferadb_management_v1_ExchangeNativeTokenRequest__Output, _inferadb_management_v1_ExchangeNativeTokenResponse>;
  
  FinishPasskeySignIn: grpc.handleUnaryCall<_inferadb_management_v1_FinishPasskeySignInRequest__Output, _inferadb_management_v1_FinishPasskeySignInResponse>;
  
  LoginPassword: grpc.handleUnaryCall<_inferadb_management_v1_LoginPasswordRequest__Output, _inferadb_management_v1_LoginPasswordResponse>;
  
  Logout: grpc.handleUnaryCall<_inferadb_management_v1_LogoutRequest__Output, _inferadb_management_v1_LogoutResponse>;
  
  Register: grpc.handleUnaryCall<_inferadb_management_v1_RegisterRequest__Output, _inferadb_management_v1_RegisterResponse>;
  
  RequestPasswordReset: grpc.handleUnaryCall<_inferadb_management_v1_RequestPasswordResetRequest__Output, _inferadb_management_v1_RequestPasswordResetResponse>;
  
  StartDeviceAuthorization: grpc.handleUnaryCall<_inferadb_management_v1_StartDeviceAuthorizationRequest__Output, _inferadb_management_v1_StartDeviceAuthorizationResponse>;
  
  VerifyEmail: grpc.handleUnaryCall<_inferadb_management_v1_VerifyEmailRequest__Output, _inferadb_management_v1_VerifyEmailResponse>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  AuthorizeCli: MethodDefinition<_inferadb_management_v1_AuthorizeCliRequest, _inferadb_management_v1_AuthorizeCliResponse, _inferadb_management_v1_AuthorizeCliRequest__Output, _inferadb_management_v1_AuthorizeCliResponse__Output>
  BeginPasskeySignIn: MethodDefinition<_inferadb_management_v1_BeginPasskeySignInRequest, _inferadb_management_v1_BeginPasskeySignInResponse, _inferadb_management_v1_BeginPasskeySignInRequest__Output, _inferadb_management_v1_BeginPasskeySignInResponse__Output>
  ConfirmPasswordReset: MethodDefinition<_inferadb_management_v1_ConfirmPasswordResetRequest, _inferadb_management_v1_ConfirmPasswordResetResponse, _inferadb_management_v1_ConfirmPasswordResetRequest__Output, _inferadb_management_v1_ConfirmPasswordResetResponse__Output>
  ExchangeCliCode: MethodDefinition<_inferadb_management_v1_ExchangeCliCodeRequest, _inferadb_management_v1_ExchangeCliCodeResponse, _inferadb_management_v1_ExchangeCliCodeRequest__Output, _inferadb_management_v1_ExchangeCliCodeResponse__Output>
  ExchangeNativeToken: MethodDefinition<_inferadb_management_v1_ExchangeNativeTokenRequest, _inferadb_management_v1_ExchangeNativeTokenResponse, _inferadb_management_v1_ExchangeNativeTokenRequest__Output, _inferadb_management_v1_ExchangeNativeTokenResponse__Output>
  FinishPasskeySignIn: MethodDefinition<_inferadb_management_v1_FinishPasskeySignInRequest, _inferadb_management_v1_FinishPasskeySignInResponse, _inferadb_management_v1_FinishPasskeySignInRequest__Output, _inferadb_management_v1_FinishPasskeySignInResponse__Output>
  LoginPassword: MethodDefinition<_inferadb_management_v1_LoginPasswordRequest, _inferadb_management_v1_LoginPasswordResponse, _inferadb_management_v1_LoginPasswordRequest__Output, _inferadb_management_v1_LoginPasswordResponse__Output>
  Logout: MethodDefinition<_inferadb_management_v1_LogoutRequest, _inferadb_management_v1_LogoutResponse, _inferadb_management_v1_LogoutRequest__Output, _inferadb_management_v1_LogoutResponse__Output>
  Register: MethodDefinition<_inferadb_management_v1_RegisterRequest, _inferadb_management_v1_RegisterResponse, _inferadb_management_v1_RegisterRequest__Output, _inferadb_management_v1_RegisterResponse__Output>
  RequestPasswordReset: MethodDefinition<_inferadb_management_v1_RequestPasswordResetRequest, _inferadb_management_v1_RequestPasswordResetResponse, _inferadb_management_v1_RequestPasswordResetRequest__Output, _inferadb_management_v1_RequestPasswordResetResponse__Output>
  StartDeviceAuthorization: MethodDefinition<_inferadb_management_v1_StartDeviceAuthorizationRequest, _inferadb_management_v1_StartDeviceAuthorizationResponse, _inferadb_management_v1_StartDeviceAuthorizationRequest__Output, _inferadb_management_v1_StartDeviceAuthorizationResponse__Output>
  VerifyEmail: MethodDefinition<_inferadb_management_v1_VerifyEmailRequest, _inferadb_management_v1_VerifyEmailResponse, _inferadb_management_v1_VerifyEmailRequest__Output, _inferadb_management_v1_VerifyEmailResponse__Output>
}
