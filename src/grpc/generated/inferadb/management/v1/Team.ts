// Original file: proto/inferadb/management/v1/team.proto


export interface Team {
  'id'?: (string);
  'organization_id'?: (string);
  'name'?: (string);
  'description'?: (string);
  'created_at'?: (string);
  'updated_at'?: (string);
}

export interface Team__Output {
  'id': (string);
  'organization_id': (string);
  'name': (string);
  'description': (string);
  'created_at': (string);
  'updated_at': (string);
}
