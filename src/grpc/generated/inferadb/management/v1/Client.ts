// Original file: proto/inferadb/management/v1/client.proto


export interface Client {
  'id'?: (string);
  'organization_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'is_active'?: (boolean);
  'created_at'?: (string);
  'updated_at'?: (string);
  'deactivated_at'?: (string);
  '_deactivated_at'?: "deactivated_at";
}

export interface Client__Output {
  'id': (string);
  'organization_id': (string);
  'name': (string);
  'description': (string);
  'is_active': (boolean);
  'created_at': (string);
  'updated_at': (string);
  'deactivated_at'?: (string);
  '_deactivated_at'?: "deactivated_at";
}
