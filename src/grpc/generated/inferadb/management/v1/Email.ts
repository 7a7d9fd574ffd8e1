// Original file: proto/inferadb/management/v1/user.proto


export interface Email {
  'id'?: (string);
  'email'?: (string);
  'is_primary'?: (boolean);
  'is_verified'?: (boolean);
  'verified_at'?: (string);
  'created_at'?: (string);
  '_verified_at'?: "verified_at";
}

export interface Email__Output {
  'id': (string);
  'email': (string);
  'is_primary': (boolean);
  'is_verified': (boolean);
  'verified_at'?: (string);
  'created_at': (string);
  '_verified_at'?: "verified_at";
}
