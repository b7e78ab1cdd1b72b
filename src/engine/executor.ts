import { applyOperation } from '../steps/apply-operation.js';
import { checkUndo, undoOperation } from '../steps/undo-operation.js';

/** Performs and undoes operations; tests inject a recording one so the engine runs without AWS. */
export interface OperationExecutor {
  apply: typeof applyOperation;
  undo: typeof undoOperation;
  /** Reads only; used by the rollback command before its first write. Default `checkUndo`. */
  check?: typeof checkUndo;
}

/** The real executor, over the AWS adapters. */
export const awsExecutor: Required<OperationExecutor> = { apply: applyOperation, undo: undoOperation, check: checkUndo };
