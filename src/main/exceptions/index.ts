// Accepted risks: the exceptions file (file.ts) and its effect on a snapshot's findings and scores (apply.ts).

export { applyExceptions, exceptionScopeSql, globOf } from './apply';
export { EXCEPTIONS_FORMAT, EXCEPTIONS_VERSION, ExceptionsFileError, loadExceptions, parseExceptions, saveException, type ExceptionsFile } from './file';
