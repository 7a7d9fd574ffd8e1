// Original file: proto/inferadb/management/v1/organization.proto


export interface Organization {
  'id'?: (string);
  'name'?: (string);
  'tier'?: (string);
  'role'?: (string);
  'suspended'?: (boolean);
  'created_at'?: (string);
  'updated_at'?: (string);
  'suspended_at'?: (string);
  '_suspended_at'?: "suspended_at";
}

export interface Organization__Output {
  'id': (string);
  'name': (string);
  'tier': (string);
  'role': (string);
  'suspended': (boolean);
  'created_at': (string);
  'updated_at': (string);
  'suspended_at'?: (string);
  '_suspended_at'?: "suspended_at";
}
