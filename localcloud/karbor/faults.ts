/** Karbor fault replies (`{"badRequest": {"code": 400, "message": "..."}}`), thrown by handlers. */
import { ReplyError } from "../core/contracts";
import { faultError } from "../core/errors";

export function karborFault(status: number, message: string, headers?: Record<string, string>): ReplyError {
  return new ReplyError(faultError(status, message, headers));
}

/** 400 badRequest. */
export function badRequest(message: string): ReplyError {
  return karborFault(400, message);
}

/** 400 `Invalid input received: <detail>` (Karbor's InvalidInput). */
export function invalidInput(detail: string): ReplyError {
  return badRequest(`Invalid input received: ${detail}`);
}

/** 404 itemNotFound. */
export function notFound(message: string): ReplyError {
  return karborFault(404, message);
}

const UUID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** oslo's `is_uuid_like`: dashed or plain 32 hex digits. */
export function isUuidLike(value: unknown): value is string {
  return typeof value === "string" && UUID_RE.test(value);
}
