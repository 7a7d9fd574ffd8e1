// Original file: proto/inferadb/management/v1/token.proto


export interface CreateVaultTokenRequest {
  'organization_id'?: (string);
  'vault_id'?: (string);
  'requested_role'?: (string);
  'access_token_ttl'?: (number);
  'refresh_token_ttl'?: (number);
  'client_id'?: (string);
  '_requested_role'?: "requested_role";
  '_access_token_ttl'?: "access_token_ttl";
  '_refresh_token_ttl'?: "refresh_token_ttl";
  '_client_id'?: "client_id";
}

export interface CreateVaultTokenRequest__Output {
  'organization_id': (string);
  'vault_id': (string);
  'requested_role'?: (string);
  'access_token_ttl'?: (number);
  'refresh_token_ttl'?: (number);
  'client_id'?: (string);
  '_requested_role'?: "requested_role";
  '_access_token_ttl'?: "access_token_ttl";
  '_refresh_token_ttl'?: "refresh_token_ttl";
  '_client_id'?: "client_id";
}
