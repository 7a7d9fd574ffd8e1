// Original file: proto/inferadb/management/v1/token.proto


export interface CreateVaultTokenResponse {
  'access_token'?: (string);
  'token_type'?: (string);
  'expires_in'?: (number);
  'expires_at'?: (string);
  'vault_id'?: (string);
  'vault_role'?: (string);
  'scope'?: (string);
  'refresh_token'?: (string);
  'refresh_expires_in'?: (number);
}

export interface CreateVaultTokenResponse__Output {
  'access_token': (string);
  'token_type': (string);
  'expires_in': (number);
  'expires_at': (string);
  'vault_id': (string);
  'vault_role': (string);
  'scope': (string);
  'refresh_token': (string);
  'refresh_expires_in': (number);
}
