// Original file: proto/inferadb/management/v1/team.proto


export interface RemoveTeamMemberResponse {
}

export interface RemoveTeamMemberResponse__Output {
}
