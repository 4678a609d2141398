// The AWS collector: the only code that calls AWS. See engine.ts for the flow, operations.ts for what it may call.

export { collect, NothingCollectedError, ALL_REGIONS, type CollectDeps, type CollectOptions, type CollectResult } from './engine';
export { CollectionControl } from './control';
export { listProfiles, ssoLoginHint } from './credentials';
export { ALLOWED_OPERATIONS, type AllowedOperation } from './operations';
export { requestProblems, describeScope } from './scope';
