/** Settings needed for authentication are not set anywhere; the message lists each and every way to set it. */
export class MissingSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingSettingsError";
  }
}
