// Original file: proto/inferadb/management/v1/vault.proto


export interface VaultClientGrant {
  'id'?: (string);
  'vault_id'?: (string);
  'client_id'?: (string);
  'role'?: (string);
  'granted_at'?: (string);
  'granted_by_user_id'?: (string);
  'updated_at'?: (string);
}

export interface VaultClientGrant__Output {
  'id': (string);
  'vault_id': (string);
  'client_id': (string);
  'role': (string);
  'granted_at': (string);
  'granted_by_user_id': (string);
  'updated_at': (string);
}
