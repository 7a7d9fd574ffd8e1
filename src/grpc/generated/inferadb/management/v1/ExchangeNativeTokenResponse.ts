// Original file: proto/inferadb/management/v1/auth.proto


export interface ExchangeNativeTokenResponse {
  'access_token'?: (string);
  'token_type'?: (string);
  'expires_in'?: (number);
  'refresh_token'?: (string);
  'scope'?: (string);
  '_refresh_token'?: "refresh_token";
}

export interface ExchangeNativeTokenResponse__Output {
  'access_token': (string);
  'token_type': (string);
  'expires_in': (number);
  'refresh_token'?: (string);
  'scope': (string);
  '_refresh_token'?: "refresh_token";
}
