// Original file: proto/inferadb/management/v1/team.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddTeamMemberRequest as _inferadb_management_v1_AddTeamMemberRequest, AddTeamMemberRequest__Output as _inferadb_management_v1_AddTeamMemberRequest__Output } from '../../../inferadb/management/v1/AddTeamMemberRequest';
import type { AddTeamMemberResponse as _inferadb_management_v1_AddTeamMemberResponse, AddTeamMemberResponse__Output as _inferadb_management_v1_AddTeamMemberResponse__Output } from '../../../inferadb/management/v1/AddTeamMemberResponse';
import type { CreateTeamRequest as _inferadb_management_v1_CreateTeamRequest, CreateTeamRequest__Output as _inferadb_management_v1_CreateTeamRequest__Output } from '../../../inferadb/management/v1/CreateTeamRequest';
import type { CreateTeamResponse as _inferadb_management_v1_CreateTeamResponse, CreateTeamResponse__Output as _inferadb_management_v1_CreateTeamResponse__Output } from '../../../inferadb/management/v1/CreateTeamResponse';
import type { DeleteTeamRequest as _inferadb_management_v1_DeleteTeamRequest, DeleteTeamRequest__Output as _inferadb_management_v1_DeleteTeamRequest__Output } from '../../../inferadb/management/v1/DeleteTeamRequest';
import type { DeleteTeamResponse as _inferadb_management_v1_DeleteTeamResponse, DeleteTeamResponse__Output as _inferadb_management_v1_DeleteTeamResponse__Output } from '../../../inferadb/management/v1/DeleteTeamResponse';
import type { GetTeamMemberRequest as _inferadb_management_v1_GetTeamMemberRequest, GetTeamMemberRequest__Output as _inferadb_management_v1_GetTeamMemberRequest__Output } from '../../../inferadb/management/v1/GetTeamMemberRequest';
import type { GetTeamMemberResponse as _inferadb_management_v1_GetTeamMemberResponse, GetTeamMemberResponse__Output as _inferadb_management_v1_GetTeamMemberResponse__Output } from '../../../inferadb/management/v1/GetTeamMemberResponse';
import type { GetTeamRequest as _inferadb_management_v1_GetTeamRequest, GetTeamRequest__Output as _inferadb_management_v1_GetTeamRequest__Output } from '../../../inferadb/management/v1/GetTeamRequest';
import type { GetTeamResponse as _inferadb_management_v1_GetTeamResponse, GetTeamResponse__Output as _inferadb_management_v1_GetTeamResponse__Output } from '../../../inferadb/management/v1/GetTeamResponse';
import type { GrantTeamPermissionRequest as _inferadb_management_v1_GrantTeamPermissionRequest, GrantTeamPermissionRequest__Output as _inferadb_management_v1_GrantTeamPermissionRequest__Output } from '../../../inferadb/management/v1/GrantTeamPermissionRequest';
import type { GrantTeamPermissionResponse as _inferadb_management_v1_GrantTeamPermissionResponse, GrantTeamPermissionResponse__Output as _inferadb_management_v1_GrantTeamPermissionResponse__Output } from '../../../inferadb/management/v1/GrantTeamPermissionResponse';
import type { ListTeamMembersRequest as _inferadb_management_v1_ListTeamMembersRequest, ListTeamMembersRequest__Output as _inferadb_management_v1_ListTeamMembersRequest__Output } from '../../../inferadb/management/v1/ListTeamMembersRequest';
import type { ListTeamMembersResponse as _inferadb_management_v1_ListTeamMembersResponse, ListTeamMembersResponse__Output as _inferadb_management_v1_ListTeamMembersResponse__Output } from '../../../inferadb/management/v1/ListTeamMembersResponse';
import type { ListTeamPermissionsRequest as _inferadb_management_v1_ListTeamPermissionsRequest, ListTeamPermissionsRequest__Output as _inferadb_management_v1_ListTeamPermissionsRequest__Output } from '../../../inferadb/management/v1/ListTeamPermissionsRequest';
import type { ListTeamPermissionsResponse as _inferadb_management_v1_ListTeamPermissionsResponse, ListTeamPermissionsResponse__Output as _inferadb_management_v1_ListTeamPermissionsResponse__Output } from '../../../inferadb/management/v1/ListTeamPermissionsResponse';
import type { ListTeamsRequest as _inferadb_management_v1_ListTeamsRequest, ListTeamsRequest__Output as _inferadb_management_v1_ListTeamsRequest__Output } from '../../../inferadb/management/v1/ListTeamsRequest';
import type { ListTeamsResponse as _inferadb_management_v1_ListTeamsResponse, ListTeamsResponse__Output as _inferadb_management_v1_ListTeamsResponse__Output } from '../../../inferadb/management/v1/ListTeamsResponse';
import type { RemoveTeamMemberRequest as _inferadb_management_v1_RemoveTeamMemberRequest, RemoveTeamMemberRequest__Output as _inferadb_management_v1_RemoveTeamMemberRequest__Output } from '../../../inferadb/management/v1/RemoveTeamMemberRequest';
import type { RemoveTeamMemberResponse as _inferadb_management_v1_RemoveTeamMemberResponse, RemoveTeamMemberResponse__Output as _inferadb_management_v1_RemoveTeamMemberResponse__Output } from '../../../inferadb/management/v1/RemoveTeamMemberResponse';
import type { RevokeTeamPermissionRequest as _inferadb_management_v1_RevokeTeamPermissionRequest, RevokeTeamPermissionRequest__Output as _inferadb_management_v1_RevokeTeamPermissionRequest__Output } from '../../../inferadb/management/v1/RevokeTeamPermissionRequest';
import type { RevokeTeamPermissionResponse as _inferadb_management_v1_RevokeTeamPermissionResponse, RevokeTeamPermissionResponse__Output as _inferadb_management_v1_RevokeTeamPermissionResponse__Output } from '../../../inferadb/management/v1/RevokeTeamPermissionResponse';
import type { UpdateTeamMemberRequest as _inferadb_management_v1_UpdateTeamMemberRequest, UpdateTeamMemberRequest__Output as _inferadb_management_v1_UpdateTeamMemberRequest__Output } from '../../../inferadb/management/v1/UpdateTeamMemberRequest';
import type { UpdateTeamMemberResponse as _inferadb_management_v1_UpdateTeamMemberResponse, UpdateTeamMemberResponse__Output as _inferadb_management_v1_UpdateTeamMemberResponse__Output } from '../../../inferadb/management/v1/UpdateTeamMemberResponse';
import type { UpdateTeamRequest as _inferadb_management_v1_UpdateTeamRequest, UpdateTeamRequest__Output as _inferadb_management_v1_UpdateTeamRequest__Output } from '../../../inferadb/management/v1/UpdateTeamRequest';
import type { UpdateTeamResponse as _inferadb_management_v1_UpdateTeamResponse, UpdateTeamResponse__Output as _inferadb_management_v1_UpdateTeamResponse__Output } from '../../../inferadb/management/v1/UpdateTeamResponse';

export interface TeamServiceClient extends grpc.Client {
  AddTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  AddTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  AddTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  AddTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  addTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  addTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  addTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  addTeamMember(argument: _inferadb_management_v1_AddTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_AddTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  
  CreateTeam(argument: _inferadb_management_v1_CreateTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  CreateTeam(argument: _inferadb_management_v1_CreateTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  CreateTeam(argument: _inferadb_management_v1_CreateTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  CreateTeam(argument: _inferadb_management_v1_CreateTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  createTeam(argument: _inferadb_management_v1_CreateTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  createTeam(argument: _inferadb_management_v1_CreateTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  createTeam(argument: _inferadb_management_v1_CreateTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  createTeam(argument: _inferadb_management_v1_CreateTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_CreateTeamResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  DeleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  DeleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  DeleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  deleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  deleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  deleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  deleteTeam(argument: _inferadb_management_v1_DeleteTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_DeleteTeamResponse__Output>): grpc.ClientUnaryCall;
  
  GetTeam(argument: _inferadb_management_v1_GetTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  GetTeam(argument: _inferadb_management_v1_GetTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  GetTeam(argument: _inferadb_management_v1_GetTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  GetTeam(argument: _inferadb_management_v1_GetTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  getTeam(argument: _inferadb_management_v1_GetTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  getTeam(argument: _inferadb_management_v1_GetTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  getTeam(argument: _inferadb_management_v1_GetTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  getTeam(argument: _inferadb_management_v1_GetTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamResponse__Output>): grpc.ClientUnaryCall;
  
  GetTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  GetTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  GetTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  GetTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  getTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  getTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  getTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  getTeamMember(argument: _inferadb_management_v1_GetTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_GetTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  
  GrantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  GrantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  GrantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  GrantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  grantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  grantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  grantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  grantTeamPermission(argument: _inferadb_management_v1_GrantTeamPermissionRequest, callback: grpc.requestCallback<_inferadb_management_v1_GrantTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  
  ListTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  ListTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  ListTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  ListTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  listTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  listTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  listTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  listTeamMembers(argument: _inferadb_management_v1_ListTeamMembersRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamMembersResponse__Output>): grpc.ClientUnaryCall;
  
  ListTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  ListTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  ListTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  ListTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listTeamPermissions(argument: _inferadb_management_v1_ListTeamPermissionsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamPermissionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTeams(argument: _inferadb_management_v1_ListTeamsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  ListTeams(argument: _inferadb_management_v1_ListTeamsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  ListTeams(argument: _inferadb_management_v1_ListTeamsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  ListTeams(argument: _inferadb_management_v1_ListTeamsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  listTeams(argument: _inferadb_management_v1_ListTeamsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  listTeams(argument: _inferadb_management_v1_ListTeamsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  listTeams(argument: _inferadb_management_v1_ListTeamsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  listTeams(argument: _inferadb_management_v1_ListTeamsRequest, callback: grpc.requestCallback<_inferadb_management_v1_ListTeamsResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  RemoveTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  RemoveTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  RemoveTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  removeTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  removeTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  removeTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  removeTeamMember(argument: _inferadb_management_v1_RemoveTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_RemoveTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  RevokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  RevokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  RevokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  revokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  revokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  revokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  revokeTeamPermission(argument: _inferadb_management_v1_RevokeTeamPermissionRequest, callback: grpc.requestCallback<_inferadb_management_v1_RevokeTeamPermissionResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  updateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  updateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  updateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  updateTeam(argument: _inferadb_management_v1_UpdateTeamRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  UpdateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  updateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  updateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  updateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  updateTeamMember(argument: _inferadb_management_v1_UpdateTeamMemberRequest, callback: grpc.requestCallback<_inferadb_management_v1_UpdateTeamMemberResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface TeamServiceHandlers extends grpc.UntypedServiceImplementation {
  AddTeamMember: grpc.handleUnaryCall<_inferadb_management_v1_AddTeamMemberRequest__Output, _inferadb_management_v1_AddTeamMemberResponse>;
  
  CreateTeam: grpc.handleUnaryCall<_inferadb_management_v1_CreateTeamRequest__Output, _inferadb_management_v1_CreateTeamResponse>;
  
  DeleteTeam: grpc.handleUnaryCall<_inferadb_management_v1_DeleteTeamRequest__Output, _inferadb_management_v1_DeleteTeamResponse>;
  
  GetTeam: grpc.handleUnaryCall<_inferadb_management_v1_GetTeamRequest__Output, _inferadb_management_v1_GetTeamResponse>;
  
  GetTeamMember: grpc.handleUnaryCall<_inferadb_management_v1_GetTeamMemberRequest__Output, _inferadb_management_v1_GetTeamMemberResponse>;
  
  GrantTeamPermission: grpc.handleUnaryCall<_inferadb_management_v1_GrantTeamPermissionRequest__Output, _inferadb_management_v1_GrantTeamPermissionResponse>;
  
  ListTeamMembers: grpc.handleUnaryCall<_inferadb_management_v1_ListTeamMembersRequest__Output, _inferadb_management_v1_ListTeamMembersResponse>;
  
  ListTeamPermissions: grpc.handleUnaryCall<_inferadb_management_v1_ListTeamPermissionsRequest__Output, _inferadb_management_v1_ListTeamPermissionsResponse>;
  
  ListTeams: grpc.handleUnaryCall<_inferadb_management_v1_ListTeamsRequest__Output, _inferadb_management_v1_ListTeamsResponse>;
  
  RemoveTeamMember: grpc.handleUnaryCall<_inferadb_management_v1_RemoveTeamMemberRequest__Output, _inferadb_management_v1_RemoveTeamMemberResponse>;
  
  RevokeTeamPermission: grpc.handleUnaryCall<_inferadb_management_v1_RevokeTeamPermissionRequest__Output, _inferadb_management_v1_RevokeTeamPermissionResponse>;
  
  UpdateTeam: grpc.handleUnaryCall<_inferadb_management_v1_UpdateTeamRequest__Output, _inferadb_management_v1_UpdateTeamResponse>;
  
  UpdateTeamMember: grpc.handleUnaryCall<_inferadb_management_v1_UpdateTeamMemberRequest__Output, _inferadb_management_v1_UpdateTeamMemberResponse>;
  
}

export interface TeamServiceDefinition extends grpc.ServiceDefinition {
  AddTeamMember: MethodDefinition<_inferadb_management_v1_AddTeamMemberRequest, _inferadb_management_v1_AddTeamMemberResponse, _inferadb_management_v1_AddTeamMemberRequest__Output, _inferadb_management_v1_AddTeamMemberResponse__Output>
  CreateTeam: MethodDefinition<_inferadb_management_v1_CreateTeamRequest, _inferadb_management_v1_CreateTeamResponse, _inferadb_management_v1_CreateTeamRequest__Output, _inferadb_management_v1_CreateTeamResponse__Output>
  DeleteTeam: MethodDefinition<_inferadb_management_v1_DeleteTeamRequest, _inferadb_management_v1_DeleteTeamResponse, _inferadb_management_v1_DeleteTeamRequest__Output, _inferadb_management_v1_DeleteTeamResponse__Output>
  GetTeam: MethodDefinition<_inferadb_management_v1_GetTeamRequest, _inferadb_management_v1_GetTeamResponse, _inferadb_management_v1_GetTeamRequest__Output, _inferadb_management_v1_GetTeamResponse__Output>
  GetTeamMember: MethodDefinition<_inferadb_management_v1_GetTeamMemberRequest, _inferadb_management_v1_GetTeamMemberResponse, _inferadb_management_v1_GetTeamMemberRequest__Output, _inferadb_management_v1_GetTeamMemberResponse__Output>
  GrantTeamPermission: MethodDefinition<_inferadb_management_v1_GrantTeamPermissionRequest, _inferadb_management_v1_GrantTeamPermissionResponse, _inferadb_management_v1_GrantTeamPermissionRequest__Output, _inferadb_management_v1_GrantTeamPermissionResponse__Output>
  ListTeamMembers: MethodDefinition<_inferadb_management_v1_ListTeamMembersRequest, _inferadb_management_v1_ListTeamMembersResponse, _inferadb_management_v1_ListTeamMembersRequest__Output, _inferadb_management_v1_ListTeamMembersResponse__Output>
  ListTeamPermissions: MethodDefinition<_inferadb_management_v1_ListTeamPermissionsRequest, _inferadb_management_v1_ListTeamPermissionsResponse, _inferadb_management_v1_ListTeamPermissionsRequest__Output, _inferadb_management_v1_ListTeamPermissionsResponse__Output>
  ListTeams: MethodDefinition<_inferadb_management_v1_ListTeamsRequest, _inferadb_management_v1_ListTeamsResponse, _inferadb_management_v1_ListTeamsRequest__Output, _inferadb_management_v1_ListTeamsResponse__Output>
  RemoveTeamMember: MethodDefinition<_inferadb_management_v1_RemoveTeamMemberRequest, _inferadb_management_v1_RemoveTeamMemberResponse, _inferadb_management_v1_RemoveTeamMemberRequest__Output, _inferadb_management_v1_RemoveTeamMemberResponse__Output>
  RevokeTeamPermission: MethodDefinition<_inferadb_management_v1_RevokeTeamPermissionRequest, _inferadb_management_v1_RevokeTeamPermissionResponse, _inferadb_management_v1_RevokeTeamPermissionRequest__Output, _inferadb_management_v1_RevokeTeamPermissionResponse__Output>
  UpdateTeam: MethodDefinition<_inferadb_management_v1_UpdateTeamRequest, _inferadb_management_v1_UpdateTeamResponse, _inferadb_management_v1_UpdateTeamRequest__Output, _inferadb_management_v1_UpdateTeamResponse__Output>
  UpdateTeamMember: MethodDefinition<_inferadb_management_v1_UpdateTeamMemberRequest, _inferadb_management_v1_UpdateTeamMemberResponse, _inferadb_management_v1_UpdateTeamMemberRequest__Output, _inferadb_management_v1_UpdateTeamMemberResponse__Output>
}
