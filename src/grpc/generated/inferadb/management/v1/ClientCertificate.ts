// Original file: proto/inferadb/management/v1/client.proto


export interface ClientCertificate {
  'id'?: (string);
  'client_id'?: (string);
  'kid'?: (string);
  'name'?: (string);
  'public_key'?: (string);
  'algorithm'?: (string);
  'is_active'?: (boolean);
  'created_at'?: (string);
  'revoked_at'?: (string);
  'revoked_by_user_id'?: (string);
  '_revoked_at'?: "revoked_at";
  '_revoked_by_user_id'?: "revoked_by_user_id";
}

export interface ClientCertificate__Output {
  'id': (string);
  'client_id': (string);
  'kid': (string);
  'name': (string);
  'public_key': (string);
  'algorithm': (string);
  'is_active': (boolean);
  'created_at': (string);
  'revoked_at'?: (string);
  'revoked_by_user_id'?: (string);
  '_revoked_at'?: "revoked_at";
  '_revoked_by_user_id'?: "revoked_by_user_id";
}
