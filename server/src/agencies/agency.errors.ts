import { AppError } from '../errors/app-error.ts';

export const AgencyErrors = {
  slugTaken: (slug: string) => new AppError('AGENCY_SLUG_TAKEN', { status: 409, params: { slug } }),
  parentNotFound: (parentId: number) => new AppError('AGENCY_PARENT_NOT_FOUND', { status: 400, params: { parentId } }),
  parentMerged: (parentId: number, mergedIntoId: number) =>
    new AppError('AGENCY_PARENT_MERGED', { status: 400, params: { parentId, mergedIntoId } }),
  /** A group is a flat list of members; it is neither placed in the tree nor a parent. */
  groupNotInTree: () => new AppError('AGENCY_GROUP_NOT_IN_TREE', { status: 400 }),
  parentCycle: (id: number, parentId: number) =>
    new AppError('AGENCY_PARENT_CYCLE', { status: 400, params: { id, parentId } }),
  kindGroupFixed: () => new AppError('AGENCY_GROUP_KIND_FIXED', { status: 400 }),
  membersOnlyForGroups: () => new AppError('AGENCY_MEMBERS_ONLY_FOR_GROUPS', { status: 400 }),
  memberNotFound: (ids: number[]) => new AppError('AGENCY_MEMBER_NOT_FOUND', { status: 400, params: { ids } }),
  notAGroup: (id: number) => new AppError('AGENCY_NOT_A_GROUP', { status: 400, params: { id } }),
  aliasExists: (alias: string) => new AppError('AGENCY_ALIAS_EXISTS', { status: 409, params: { alias } }),
  aliasNotFound: (alias: string) => new AppError('AGENCY_ALIAS_NOT_FOUND', { status: 404, params: { alias } }),
  /** An office names only the bodies of its own scope; a name for another body is an administrator's to keep. */
  aliasOutsideScope: (id: number, name: string) =>
    new AppError('AGENCY_ALIAS_OUTSIDE_SCOPE', { status: 403, params: { id, name } }),
  aliasIsName: (alias: string) => new AppError('AGENCY_ALIAS_IS_NAME', { status: 400, params: { alias } }),
  alreadyMerged: (id: number, mergedIntoId: number) =>
    new AppError('AGENCY_ALREADY_MERGED', { status: 409, params: { id, mergedIntoId } }),
  mergeIntoSelf: () => new AppError('AGENCY_MERGE_INTO_SELF', { status: 400 }),
  mergeIntoDescendant: (successorId: number) =>
    new AppError('AGENCY_MERGE_INTO_DESCENDANT', { status: 400, params: { successorId } }),
  mergeGroup: () => new AppError('AGENCY_MERGE_GROUP', { status: 400 }),
  successorNotFound: (successorId: number) =>
    new AppError('AGENCY_SUCCESSOR_NOT_FOUND', { status: 400, params: { successorId } }),
  successorMerged: (successorId: number, mergedIntoId: number) =>
    new AppError('AGENCY_SUCCESSOR_MERGED', { status: 400, params: { successorId, mergedIntoId } }),
};
