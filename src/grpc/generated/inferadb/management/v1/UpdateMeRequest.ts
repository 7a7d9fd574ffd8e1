// Original file: proto/inferadb/management/v1/user.proto


export interface UpdateMeRequest {
  'name'?: (string);
  'accept_tos'?: (boolean);
  '_name'?: "name";
  '_accept_tos'?: "accept_tos";
}

export interface UpdateMeRequest__Output {
  'name'?: (string);
  'accept_tos'?: (boolean);
  '_name'?: "name";
  '_accept_tos'?: "accept_tos";
}
