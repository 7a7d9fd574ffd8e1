// Original file: proto/inferadb/management/v1/vault.proto


export interface VaultUserGrant {
  'id'?: (string);
  'vault_id'?: (string);
  'user_id'?: (string);
  'role'?: (string);
  'granted_at'?: (string);
  'granted_by_user_id'?: (string);
  'updated_at'?: (string);
}

export interface VaultUserGrant__Output {
  'id': (string);
  'vault_id': (string);
  'user_id': (string);
  'role': (string);
  'granted_at': (string);
  'granted_by_user_id': (string);
  'updated_at': (string);
}
