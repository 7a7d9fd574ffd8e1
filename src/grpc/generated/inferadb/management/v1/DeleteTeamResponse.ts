// Original file: proto/inferadb/management/v1/team.proto


export interface DeleteTeamResponse {
}

export interface DeleteTeamResponse__Output {
}
