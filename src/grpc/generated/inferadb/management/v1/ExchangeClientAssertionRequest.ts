// Original file: proto/inferadb/management/v1/token.proto


export interface ExchangeClientAssertionRequest {
  'grant_type'?: (string);
  'client_assertion_type'?: (string);
  'client_assertion'?: (string);
  'vault_id'?: (string);
  'requested_role'?: (string);
  'access_token_ttl'?: (number);
  'refresh_token_ttl'?: (number);
  '_requested_role'?: "requested_role";
  '_access_token_ttl'?: "access_token_ttl";
  '_refresh_token_ttl'?: "refresh_token_ttl";
}

export interface ExchangeClientAssertionRequest__Output {
  'grant_type': (string);
  'client_assertion_type': (string);
  'client_assertion': (string);
  'vault_id': (string);
  'requested_role'?: (string);
  'access_token_ttl'?: (number);
  'refresh_token_ttl'?: (number);
  '_requested_role'?: "requested_role";
  '_access_token_ttl'?: "access_token_ttl";
  '_refresh_token_ttl'?: "refresh_token_ttl";
}
