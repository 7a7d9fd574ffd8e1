// Original file: proto/inferadb/management/v1/team.proto


export interface ListTeamsRequest {
  'organization_id'?: (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}

export interface ListTeamsRequest__Output {
  'organization_id': (string);
  'limit'?: (number);
  'offset'?: (number);
  '_limit'?: "limit";
  '_offset'?: "offset";
}
