// Original file: proto/inferadb/management/v1/vault.proto


export interface Vault {
  'id'?: (string);
  'organization_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'sync_status'?: (string);
  'sync_error'?: (string);
  'created_at'?: (string);
  'updated_at'?: (string);
  'deleted_at'?: (string);
  '_sync_error'?: "sync_error";
  '_deleted_at'?: "deleted_at";
}

export interface Vault__Output {
  'id': (string);
  'organization_id': (string);
  'name': (string);
  'description': (string);
  'sync_status': (string);
  'sync_error'?: (string);
  'created_at': (string);
  'updated_at': (string);
  'deleted_at'?: (string);
  '_sync_error'?: "sync_error";
  '_deleted_at'?: "deleted_at";
}
