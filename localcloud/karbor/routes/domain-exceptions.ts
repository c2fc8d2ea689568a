/**
 * The shared data-protection model raises dialect-free `DomainError`s; under Karbor each kind is answered as
 * the Karbor error that stands for it (not found 404; the local cloud's own backup quota 413 like Karbor's
 * QuotaError; any other broken rule 400 with the model's sentence, as a controller's HTTPBadRequest).
 */
import type { UpstreamException } from "../../core/upstream-exception";
import type { DomainError, DomainErrorKind } from "../../csbs/model/domain-error";
import { badRequest, karborFault, notFound } from "../faults";

const NOT_FOUND_KINDS: ReadonlySet<DomainErrorKind> = new Set(["policy-not-found", "item-not-found", "tag-not-found"]);

export function domainException(e: DomainError): UpstreamException {
  if (NOT_FOUND_KINDS.has(e.kind)) return notFound(e.message);
  if (e.kind === "backup-quota") return karborFault(413, e.message, { "Retry-After": "0" });
  return badRequest(e.message);
}
