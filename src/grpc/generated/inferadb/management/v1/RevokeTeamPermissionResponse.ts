// Original file: proto/inferadb/management/v1/team.proto


export interface RevokeTeamPermissionResponse {
}

export interface RevokeTeamPermissionResponse__Output {
}
