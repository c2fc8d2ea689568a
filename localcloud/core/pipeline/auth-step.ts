/**
 * Validates `X-Auth-Token` on routes that need one: 401 in the service's dialect when it is absent or bad, and
 * 503 when the identity service cannot be asked (what keystonemiddleware answers then).
 */
import type { TokenValidator } from "../auth";
import { serviceError, unauthorizedMessage } from "../errors";
import { header, type Step } from "./exchange";

export function authStep(validator: TokenValidator, log: (line: string) => void): Step {
  return async (ex) => {
    if (ex.route?.auth !== "token") return undefined;
    const token = header(ex.req, "x-auth-token");
    try {
      ex.auth = token ? await validator.validate(token) : undefined;
    } catch (error) {
      log(`token validation failed (${ex.requestId}): ${(error as Error)?.message ?? String(error)}`);
      return { reply: serviceError(ex.service, 503, "The identity service could not validate the token; try again later") };
    }
    if (!ex.auth) return { reply: serviceError(ex.service, 401, unauthorizedMessage(ex.service)) };
    return undefined;
  };
}
