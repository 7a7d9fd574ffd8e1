import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddTeamMemberRequest as _inferadb_management_v1_AddTeamMemberRequest, AddTeamMemberRequest__Output as _inferadb_management_v1_AddTeamMemberRequest__Output } from './inferadb/management/v1/AddTeamMemberRequest';
import type { AddTeamMemberResponse as _inferadb_management_v1_AddTeamMemberResponse, AddTeamMemberResponse__Output as _inferadb_management_v1_AddTeamMemberResponse__Output } from './inferadb/management/v1/AddTeamMemberResponse';
import type { CreateTeamRequest as _inferadb_management_v1_CreateTeamRequest, CreateTeamRequest__Output as _inferadb_management_v1_CreateTeamRequest__Output } from './inferadb/management/v1/CreateTeamRequest';
import type { CreateTeamResponse as _inferadb_management_v1_CreateTeamResponse, CreateTeamResponse__Output as _inferadb_management_v1_CreateTeamResponse__Output } from './inferadb/management/v1/CreateTeamResponse';
import type { DeleteTeamRequest as _inferadb_management_v1_DeleteTeamRequest, DeleteTeamRequest__Output as _inferadb_management_v1_DeleteTeamRequest__Output } from './inferadb/management/v1/DeleteTeamRequest';
import type { DeleteTeamResponse as _inferadb_management_v1_DeleteTeamResponse, DeleteTeamResponse__Output as _inferadb_management_v1_DeleteTeamResponse__Output } from './inferadb/management/v1/DeleteTeamResponse';
import type { GetTeamMemberRequest as _inferadb_management_v1_GetTeamMemberRequest, GetTeamMemberRequest__Output as _inferadb_management_v1_GetTeamMemberRequest__Output } from './inferadb/management/v1/GetTeamMemberRequest';
import type { GetTeamMemberResponse as _inferadb_management_v1_GetTeamMemberResponse, GetTeamMemberResponse__Output as _inferadb_management_v1_GetTeamMemberResponse__Output } from './inferadb/management/v1/GetTeamMemberResponse';
import type { GetTeamRequest as _inferadb_management_v1_GetTeamRequest, GetTeamRequest__Output as _inferadb_management_v1_GetTeamRequest__Output } from './inferadb/management/v1/GetTeamRequest';
import type { GetTeamResponse as _inferadb_management_v1_GetTeamResponse, GetTeamResponse__Output as _inferadb_management_v1_GetTeamResponse__Output } from './inferadb/management/v1/GetTeamResponse';
import type { GrantTeamPermissionRequest as _inferadb_management_v1_GrantTeamPermissionRequest, GrantTeamPermissionRequest__Output as _inferadb_management_v1_GrantTeamPermissionRequest__Output } from './inferadb/management/v1/GrantTeamPermissionRequest';
import type { GrantTeamPermissionResponse as _inferadb_management_v1_GrantTeamPermissionResponse, GrantTeamPermissionResponse__Output as _inferadb_management_v1_GrantTeamPermissionResponse__Output } from './inferadb/management/v1/GrantTeamPermissionResponse';
import type { ListTeamMembersRequest as _inferadb_management_v1_ListTeamMembersRequest, ListTeamMembersRequest__Output as _inferadb_management_v1_ListTeamMembersRequest__Output } from './inferadb/management/v1/ListTeamMembersRequest';
import type { ListTeamMembersResponse as _inferadb_management_v1_ListTeamMembersResponse, ListTeamMembersResponse__Output as _inferadb_management_v1_ListTeamMembersResponse__Output } from './inferadb/management/v1/ListTeamMembersResponse';
import type { ListTeamPermissionsRequest as _inferadb_management_v1_ListTeamPermissionsRequest, ListTeamPermissionsRequest__Output as _inferadb_management_v1_ListTeamPermissionsRequest__Output } from './inferadb/management/v1/ListTeamPermissionsRequest';
import type { ListTeamPermissionsResponse as _inferadb_management_v1_ListTeamPermissionsResponse, ListTeamPermissionsResponse__Output as _inferadb_management_v1_ListTeamPermissionsResponse__Output } from './inferadb/management/v1/ListTeamPermissionsResponse';
import type { ListTeamsRequest as _inferadb_management_v1_ListTeamsRequest, ListTeamsRequest__Output as _inferadb_management_v1_ListTeamsRequest__Output } from './inferadb/management/v1/ListTeamsRequest';
import type { ListTeamsResponse as _inferadb_management_v1_ListTeamsResponse, ListTeamsResponse__Output as _inferadb_management_v1_ListTeamsResponse__Output } from './inferadb/management/v1/ListTeamsResponse';
import type { Pagination as _inferadb_management_v1_Pagination, Pagination__Output as _inferadb_management_v1_Pagination__Output } from './inferadb/management/v1/Pagination';
import type { RemoveTeamMemberRequest as _inferadb_management_v1_RemoveTeamMemberRequest, RemoveTeamMemberRequest__Output as _inferadb_management_v1_RemoveTeamMemberRequest__Output } from './inferadb/management/v1/RemoveTeamMemberRequest';
import type { RemoveTeamMemberResponse as _inferadb_management_v1_RemoveTeamMemberResponse, RemoveTeamMemberResponse__Output as _inferadb_management_v1_RemoveTeamMemberResponse__Output } from './inferadb/management/v1/RemoveTeamMemberResponse';
import type { RevokeTeamPermissionRequest as _inferadb_management_v1_RevokeTeamPermissionRequest, RevokeTeamPermissionRequest__Output as _inferadb_management_v1_RevokeTeamPermissionRequest__Output } from './inferadb/management/v1/RevokeTeamPermissionRequest';
import type { RevokeTeamPermissionResponse as _inferadb_management_v1_RevokeTeamPermissionResponse, RevokeTeamPermissionResponse__Output as _inferadb_management_v1_RevokeTeamPermissionResponse__Output } from './inferadb/management/v1/RevokeTeamPermissionResponse';
import type { Team as _inferadb_management_v1_Team, Team__Output as _inferadb_management_v1_Team__Output } from './inferadb/management/v1/Team';
import type { TeamMember as _inferadb_management_v1_TeamMember, TeamMember__Output as _inferadb_management_v1_TeamMember__Output } from './inferadb/management/v1/TeamMember';
import type { TeamPermission as _inferadb_management_v1_TeamPermission, TeamPermission__Output as _inferadb_management_v1_TeamPermission__Output } from './inferadb/management/v1/TeamPermission';
import type { TeamServiceClient as _inferadb_management_v1_TeamServiceClient, TeamServiceDefinition as _inferadb_management_v1_TeamServiceDefinition } from './inferadb/management/v1/TeamService';
import type { UpdateTeamMemberRequest as _inferadb_management_v1_UpdateTeamMemberRequest, UpdateTeamMemberRequest__Output as _inferadb_management_v1_UpdateTeamMemberRequest__Output } from './inferadb/management/v1/UpdateTeamMemberRequest';
import type { UpdateTeamMemberResponse as _inferadb_management_v1_UpdateTeamMemberResponse, UpdateTeamMemberResponse__Output as _inferadb_management_v1_UpdateTeamMemberResponse__Output } from './inferadb/management/v1/UpdateTeamMemberResponse';
import type { UpdateTeamRequest as _inferadb_management_v1_UpdateTeamRequest, UpdateTeamRequest__Output as _inferadb_management_v1_UpdateTeamRequest__Output } from './inferadb/management/v1/UpdateTeamRequest';
import type { UpdateTeamResponse as _inferadb_management_v1_UpdateTeamResponse, UpdateTeamResponse__Output as _inferadb_management_v1_UpdateTeamResponse__Output } from './inferadb/management/v1/UpdateTeamResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inferadb: {
    management: {
      v1: {
        AddTeamMemberRequest: MessageTypeDefinition<_inferadb_management_v1_AddTeamMemberRequest, _inferadb_management_v1_AddTeamMemberRequest__Output>
        AddTeamMemberResponse: MessageTypeDefinition<_inferadb_management_v1_AddTeamMemberResponse, _inferadb_management_v1_AddTeamMemberResponse__Output>
        CreateTeamRequest: MessageTypeDefinition<_inferadb_management_v1_CreateTeamRequest, _inferadb_management_v1_CreateTeamRequest__Output>
        CreateTeamResponse: MessageTypeDefinition<_inferadb_management_v1_CreateTeamResponse, _inferadb_management_v1_CreateTeamResponse__Output>
        DeleteTeamRequest: MessageTypeDefinition<_inferadb_management_v1_DeleteTeamRequest, _inferadb_management_v1_DeleteTeamRequest__Output>
        DeleteTeamResponse: MessageTypeDefinition<_inferadb_management_v1_DeleteTeamResponse, _inferadb_management_v1_DeleteTeamResponse__Output>
        GetTeamMemberRequest: MessageTypeDefinition<_inferadb_management_v1_GetTeamMemberRequest, _inferadb_management_v1_GetTeamMemberRequest__Output>
        GetTeamMemberResponse: MessageTypeDefinition<_inferadb_management_v1_GetTeamMemberResponse, _inferadb_management_v1_GetTeamMemberResponse__Output>
        GetTeamRequest: MessageTypeDefinition<_inferadb_management_v1_GetTeamRequest, _inferadb_management_v1_GetTeamRequest__Output>
        GetTeamResponse: MessageTypeDefinition<_inferadb_management_v1_GetTeamResponse, _inferadb_management_v1_GetTeamResponse__Output>
        GrantTeamPermissionRequest: MessageTypeDefinition<_inferadb_management_v1_GrantTeamPermissionRequest, _inferadb_management_v1_GrantTeamPermissionRequest__Output>
        GrantTeamPermissionResponse: MessageTypeDefinition<_inferadb_management_v1_GrantTeamPermissionResponse, _inferadb_management_v1_GrantTeamPermissionResponse__Output>
        ListTeamMembersRequest: MessageTypeDefinition<_inferadb_management_v1_ListTeamMembersRequest, _inferadb_management_v1_ListTeamMembersRequest__Output>
        ListTeamMembersResponse: MessageTypeDefinition<_inferadb_management_v1_ListTeamMembersResponse, _inferadb_management_v1_ListTeamMembersResponse__Output>
        ListTeamPermissionsRequest: MessageTypeDefinition<_inferadb_management_v1_ListTeamPermissionsRequest, _inferadb_management_v1_ListTeamPermissionsRequest__Output>
        ListTeamPermissionsResponse: MessageTypeDefinition<_inferadb_management_v1_ListTeamPermissionsResponse, _inferadb_management_v1_ListTeamPermissionsResponse__Output>
        ListTeamsRequest: MessageTypeDefinition<_inferadb_management_v1_ListTeamsRequest, _inferadb_management_v1_ListTeamsRequest__Output>
        ListTeamsResponse: MessageTypeDefinition<_inferadb_management_v1_ListTeamsResponse, _inferadb_management_v1_ListTeamsResponse__Output>
        Pagination: MessageTypeDefinition<_inferadb_management_v1_Pagination, _inferadb_management_v1_Pagination__Output>
        RemoveTeamMemberRequest: MessageTypeDefinition<_inferadb_management_v1_RemoveTeamMemberRequest, _inferadb_management_v1_RemoveTeamMemberRequest__Output>
        RemoveTeamMemberResponse: MessageTypeDefinition<_inferadb_management_v1_RemoveTeamMemberResponse, _inferadb_management_v1_RemoveTeamMemberResponse__Output>
        RevokeTeamPermissionRequest: MessageTypeDefinition<_inferadb_management_v1_RevokeTeamPermissionRequest, _inferadb_management_v1_RevokeTeamPermissionRequest__Output>
        RevokeTeamPermissionResponse: MessageTypeDefinition<_inferadb_management_v1_RevokeTeamPermissionResponse, _inferadb_management_v1_RevokeTeamPermissionResponse__Output>
        Team: MessageTypeDefinition<_inferadb_management_v1_Team, _inferadb_management_v1_Team__Output>
        TeamMember: MessageTypeDefinition<_inferadb_management_v1_TeamMember, _inferadb_management_v1_TeamMember__Output>
        TeamPermission: MessageTypeDefinition<_inferadb_management_v1_TeamPermission, _inferadb_management_v1_TeamPermission__Output>
        TeamService: SubtypeConstructor<typeof grpc.Client, _inferadb_management_v1_TeamServiceClient> & { service: _inferadb_management_v1_TeamServiceDefinition }
        UpdateTeamMemberRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateTeamMemberRequest, _inferadb_management_v1_UpdateTeamMemberRequest__Output>
        UpdateTeamMemberResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateTeamMemberResponse, _inferadb_management_v1_UpdateTeamMemberResponse__Output>
        UpdateTeamRequest: MessageTypeDefinition<_inferadb_management_v1_UpdateTeamRequest, _inferadb_management_v1_UpdateTeamRequest__Output>
        UpdateTeamResponse: MessageTypeDefinition<_inferadb_management_v1_UpdateTeamResponse, _inferadb_management_v1_UpdateTeamResponse__Output>
      }
    }
  }
}

