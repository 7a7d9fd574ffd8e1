// Original file: proto/inferadb/management/v1/organization.proto


export interface Invitation {
  'id'?: (string);
  'organization_id'?: (string);
  'email'?: (string);
  'role'?: (string);
  'invited_by_user_id'?: (string);
  'created_at'?: (string);
  'expires_at'?: (string);
  'organization_name'?: (string);
  '_organization_name'?: "organization_name";
}

export interface Invitation__Output {
  'id': (string);
  'organization_id': (string);
  'email': (string);
  'role': (string);
  'invited_by_user_id': (string);
  'created_at': (string);
  'expires_at': (string);
  'organization_name'?: (string);
  '_organization_name'?: "organization_name";
}
