import { ExitCode, SetupError } from '../../errors.js';

/** What init, plan and rollback throw, after validating their input, until the engine lands. */
export function notBuiltYet(command: string): SetupError {
  return new SetupError(`${command} is not built yet: the engine lands in a later release`, ExitCode.failed);
}
