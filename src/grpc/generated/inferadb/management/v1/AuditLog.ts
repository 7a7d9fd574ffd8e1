// Original file: proto/inferadb/management/v1/organization.proto


export interface AuditLog {
  'id'?: (string);
  'organization_id'?: (string);
  'user_id'?: (string);
  'client_id'?: (string);
  'event_type'?: (string);
  'resource_type'?: (string);
  'resource_id'?: (string);
  'event_data_json'?: (string);
  'ip_address'?: (string);
  'user_agent'?: (string);
  'created_at'?: (string);
  '_organization_id'?: "organization_id";
  '_user_id'?: "user_id";
  '_client_id'?: "client_id";
  '_resource_type'?: "resource_type";
  '_resource_id'?: "resource_id";
  '_event_data_json'?: "event_data_json";
  '_ip_address'?: "ip_address";
  '_user_agent'?: "user_agent";
}

export interface AuditLog__Output {
  'id': (string);
  'organization_id'?: (string);
  'user_id'?: (string);
  'client_id'?: (string);
  'event_type': (string);
  'resource_type'?: (string);
  'resource_id'?: (string);
  'event_data_json'?: (string);
  'ip_address'?: (string);
  'user_agent'?: (string);
  'created_at': (string);
  '_organization_id'?: "organization_id";
  '_user_id'?: "user_id";
  '_client_id'?: "client_id";
  '_resource_type'?: "resource_type";
  '_resource_id'?: "resource_id";
  '_event_data_json'?: "event_data_json";
  '_ip_address'?: "ip_address";
  '_user_agent'?: "user_agent";
}
