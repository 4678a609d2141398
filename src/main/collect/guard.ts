// Run-time half of "read-only by construction": every SDK client the collector builds carries this
// middleware, which refuses any command that is not in the allowlist before it is signed or sent.

import type { InitializeHandler, InitializeHandlerArguments, InitializeMiddleware, MetadataBearer, Pluggable } from '@smithy/types';
import { allowedOperation } from './operations';

export class ReadOnlyViolationError extends Error {
  constructor(
    readonly clientName: string,
    readonly commandName: string,
  ) {
    super(`Triad refused to send ${clientName.replace(/Client$/, '')}:${commandName.replace(/Command$/, '')}: it is not in the collector's read-only allowlist`);
    this.name = 'ReadOnlyViolationError';
  }
}

export const READ_ONLY_GUARD_NAME = 'triadReadOnlyGuard';

// `object` input and output: the guard sits on clients of every service, whatever their command shapes.
const guardMiddleware: InitializeMiddleware<object, MetadataBearer> =
  (next: InitializeHandler<object, MetadataBearer>, context) => async (args: InitializeHandlerArguments<object>) => {
    const clientName = String(context.clientName ?? '');
    const commandName = String(context.commandName ?? '');
    if (!allowedOperation(clientName, commandName)) throw new ReadOnlyViolationError(clientName, commandName);
    return next(args);
  };

export const readOnlyGuard: Pluggable<object, MetadataBearer> = {
  applyToStack(stack) {
    stack.add(guardMiddleware, { step: 'initialize', priority: 'high', name: READ_ONLY_GUARD_NAME });
  },
};
