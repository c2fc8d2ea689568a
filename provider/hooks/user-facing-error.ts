/** The error class of messages already written for the user (hooks pass them through unchanged). */

/** The `name` of every {@link UserFacingError}; the provider host prints errors as `${name}: ${message}…`. */
export const USER_FACING_ERROR_NAME = "UserFacingError";

/** An error whose message is already written for the user; `userError` passes it through unchanged. */
export class UserFacingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = USER_FACING_ERROR_NAME;
  }
}
