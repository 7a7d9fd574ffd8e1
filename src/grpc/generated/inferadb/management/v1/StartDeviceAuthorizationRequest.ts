// Original file: proto/inferadb/management/v1/auth.proto


export interface StartDeviceAuthorizationRequest {
  'client_id'?: (string);
  'scope'?: (string);
  '_client_id'?: "client_id";
  '_scope'?: "scope";
}

export interface StartDeviceAuthorizationRequest__Output {
  'client_id'?: (string);
  'scope'?: (string);
  '_client_id'?: "client_id";
  '_scope'?: "scope";
}
