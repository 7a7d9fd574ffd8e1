// Original file: proto/inferadb/management/v1/auth.proto


export interface ExchangeNativeTokenRequest {
  'grant_type'?: (string);
  'client_id'?: (string);
  'code'?: (string);
  'code_verifier'?: (string);
  'redirect_uri'?: (string);
  'refresh_token'?: (string);
  'device_code'?: (string);
  '_grant_type'?: "grant_type";
  '_client_id'?: "client_id";
  '_code'?: "code";
  '_code_verifier'?: "code_verifier";
  '_redirect_uri'?: "redirect_uri";
  '_refresh_token'?: "refresh_token";
  '_device_code'?: "device_code";
}

export interface ExchangeNativeTokenRequest__Output {
  'grant_type'?: (string);
  'client_id'?: (string);
  'code'?: (string);
  'code_verifier'?: (string);
  'redirect_uri'?: (string);
  'refresh_token'?: (string);
  'device_code'?: (string);
  '_grant_type'?: "grant_type";
  '_client_id'?: "client_id";
  '_code'?: "code";
  '_code_verifier'?: "code_verifier";
  '_redirect_uri'?: "redirect_uri";
  '_refresh_token'?: "refresh_token";
  '_device_code'?: "device_code";
}
