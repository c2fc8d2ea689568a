/**
 * Failures of the hooks that run on the state rather than the program (`read` for a refresh, `delete` for a
 * destroy). The engine configures the provider for those from the stack config saved at the last `pulumi up`,
 * not from today's stack config, which surprises everyone whose settings are missing there: say so.
 */
import { MissingSettingsError } from "../config/missing-settings-error";
import { userError } from "./errors";

/** The advice added to a missing-settings failure of refresh or destroy. */
export const SAVED_SETTINGS_ADVICE =
  "`pulumi refresh` and `pulumi destroy` use the settings saved at the last `pulumi up` (the stack config as it was then) " +
  "plus the OS_* variables and clouds.yaml of this shell: set the missing ones in this shell, " +
  "or add `--run-program` so the current stack config is used";

/** Like `userError`, with the saved-settings advice when settings are missing. */
export function stateOperationError(err: unknown, resource: string, action: string): Error {
  const wrapped = userError(err, resource, action);
  if (!(err instanceof MissingSettingsError)) return wrapped;
  wrapped.message = `${wrapped.message}\n${SAVED_SETTINGS_ADVICE}`;
  return wrapped;
}
