/**
 * Fault injection for the resilience tests: rules chosen by method/path/service, applied with a seeded
 * PRNG so a run with the same seed and the same request sequence fails the same requests.
 */
import type { ServiceName } from "./contracts";

/** One rule as posted to `POST /_localcloud/faults`. */
export interface FaultRuleSpec {
  /** HTTP method to match, case-insensitive. @default any */
  method?: string;
  /** Regular expression tested against the request path (no query string). */
  path: string;
  /** Only requests to this service. @default any */
  service?: ServiceName;
  /** Reply with this status without running the handler. @default undefined */
  status?: number;
  /** Reply body for `status`. @default the service's own error body for that status */
  body?: unknown;
  /** `Retry-After` header (seconds) on the `status` reply. @default undefined */
  retryAfter?: number;
  /** Delay before anything else happens. @default 0 */
  latencyMs?: number;
  /** Destroy the socket without any response (the handler does not run). @default false */
  reset?: boolean;
  /** Run the handler (the write happens) and then destroy the socket instead of answering. @default false */
  dropResponse?: boolean;
  /** Chance (0..1) that a matching request is hit. @default 1 */
  probability?: number;
  /** Hit at most this many requests. @default unlimited */
  count?: number;
}

export interface FaultDecision {
  rule: FaultRuleSpec;
  kind: "status" | "reset" | "dropResponse" | "latency";
}

interface ActiveRule {
  spec: FaultRuleSpec;
  regex: RegExp;
  remaining: number;
}

const SERVICES: ServiceName[] = ["identity", "compute", "volume", "csbs", "karbor"];

/** Checks a posted rule set; returns a user-facing problem or undefined. */
export function validateFaultRules(rules: unknown): string | undefined {
  if (!Array.isArray(rules)) return "`rules` must be an array of fault rules; send {\"rules\": [{\"path\": \"^/csbs/\", \"status\": 503}]}";
  for (const [i, r] of rules.entries()) {
    const at = `rules[${i}]`;
    if (typeof r !== "object" || r === null || Array.isArray(r)) return `\`${at}\` must be an object`;
    const rule = r as Record<string, unknown>;
    if (typeof rule.path !== "string") return `\`${at}.path\` is required: a regular expression matched against the request path`;
    try {
      new RegExp(rule.path);
    } catch {
      return `\`${at}.path\` is "${rule.path}": not a valid regular expression`;
    }
    if (rule.method !== undefined && typeof rule.method !== "string") return `\`${at}.method\` must be a string like "POST"`;
    if (rule.service !== undefined && !SERVICES.includes(rule.service as ServiceName)) {
      return `\`${at}.service\` is ${JSON.stringify(rule.service)}: use one of ${SERVICES.join(", ")}`;
    }
    if (rule.status !== undefined && !(Number.isInteger(rule.status) && (rule.status as number) >= 100 && (rule.status as number) <= 599)) {
      return `\`${at}.status\` is ${JSON.stringify(rule.status)}: use an HTTP status from 100 to 599`;
    }
    for (const key of ["retryAfter", "latencyMs", "count"]) {
      const v = rule[key];
      if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v >= 0)) return `\`${at}.${key}\` must be a number >= 0`;
    }
    if (rule.latencyMs !== undefined && (rule.latencyMs as number) > 120000) return `\`${at}.latencyMs\` must be at most 120000`;
    if (rule.probability !== undefined && !(typeof rule.probability === "number" && rule.probability >= 0 && rule.probability <= 1)) {
      return `\`${at}.probability\` must be a number from 0 to 1`;
    }
    for (const key of ["reset", "dropResponse"]) {
      if (rule[key] !== undefined && typeof rule[key] !== "boolean") return `\`${at}.${key}\` must be true or false`;
    }
    if (rule.status === undefined && !rule.reset && !rule.dropResponse && rule.latencyMs === undefined) {
      return `\`${at}\` does nothing: give one of status, reset, dropResponse or latencyMs`;
    }
  }
  return undefined;
}

/** mulberry32: tiny, fast and good enough to decide "fail this request or not". */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: () => number = prng(1);
  private seed = 1;

  /** Replaces the rule set (call {@link validateFaultRules} first). */
  configure(rules: FaultRuleSpec[], seed = 1): void {
    this.seed = seed;
    this.random = prng(seed);
    this.rules = rules.map((spec) => ({ spec, regex: new RegExp(spec.path), remaining: spec.count ?? Infinity }));
  }

  clear(): void {
    this.rules = [];
  }

  describe(): { seed: number; rules: Array<FaultRuleSpec & { remaining: number | null }> } {
    return {
      seed: this.seed,
      rules: this.rules.map((r) => ({ ...r.spec, remaining: Number.isFinite(r.remaining) ? r.remaining : null })),
    };
  }

  /** The first matching rule that fires for this request, if any; firing uses up one of its `count`. */
  decide(method: string, path: string, service: ServiceName): FaultDecision | undefined {
    for (const rule of this.rules) {
      const s = rule.spec;
      if (rule.remaining <= 0) continue;
      if (s.method && s.method.toUpperCase() !== method) continue;
      if (s.service && s.service !== service) continue;
      if (!rule.regex.test(path)) continue;
      if (s.probability !== undefined && this.random() >= s.probability) continue;
      rule.remaining--;
      const kind = s.reset ? "reset" : s.status !== undefined ? "status" : s.dropResponse ? "dropResponse" : "latency";
      return { rule: s, kind };
    }
    return undefined;
  }
}
