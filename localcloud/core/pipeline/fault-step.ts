/**
 * Applies the injected fault rules (never to the admin API): latency, a reset connection, or a status reply.
 * A `dropResponse` rule lets the request run and is carried out by the dispatch step. Each region has its own
 * rules, matched against the path inside the region.
 */
import type { CloudReply } from "../contracts";
import { serviceError } from "../errors";
import type { Step } from "./exchange";

export function faultStep(): Step {
  return async (ex) => {
    if (ex.service === "admin") return undefined;
    const decision = ex.partition.faults.decide(ex.method, ex.path, ex.service);
    if (!decision) return undefined;
    ex.faulted = decision.kind;
    const rule = decision.rule;
    if (rule.latencyMs) await new Promise((r) => setTimeout(r, rule.latencyMs));
    if (decision.kind === "reset") return { drop: true };
    if (decision.kind !== "status") return undefined;
    const status = rule.status!;
    const headers: Record<string, string> = rule.retryAfter !== undefined ? { "Retry-After": String(rule.retryAfter) } : {};
    const reply: CloudReply =
      rule.body !== undefined ? { status, body: rule.body, headers } : serviceError(ex.service, status, `injected fault: ${status}`, { headers });
    return { reply };
  };
}
