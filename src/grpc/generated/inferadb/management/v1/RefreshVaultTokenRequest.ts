// Original file: proto/inferadb/management/v1/token.proto


export interface RefreshVaultTokenRequest {
  'refresh_token'?: (string);
  'access_token_ttl'?: (number);
  '_access_token_ttl'?: "access_token_ttl";
}

export interface RefreshVaultTokenRequest__Output {
  'refresh_token': (string);
  'access_token_ttl'?: (number);
  '_access_token_ttl'?: "access_token_ttl";
}
