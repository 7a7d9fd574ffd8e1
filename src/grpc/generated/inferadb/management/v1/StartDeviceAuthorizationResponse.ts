// Original file: proto/inferadb/management/v1/auth.proto


export interface StartDeviceAuthorizationResponse {
  'device_code'?: (string);
  'user_code'?: (string);
  'verification_uri'?: (string);
  'verification_uri_complete'?: (string);
  'expires_in'?: (number);
  'interval'?: (number);
}

export interface StartDeviceAuthorizationResponse__Output {
  'device_code': (string);
  'user_code': (string);
  'verification_uri': (string);
  'verification_uri_complete': (string);
  'expires_in': (number);
  'interval': (number);
}
