/**
 * The one interface the hooks use to talk to a data-protection API. CSBS v1 and Karbor implement it; the
 * hooks never see the dialect (wire shapes, status names, string-typed numbers).
 */

import type { RetentionInput, RetentionRecord } from "../domain/retention";
import type { RuleId } from "../domain/rule-ids";

/** A policy as read from the cloud, already parsed (numbers are numbers, booleans are booleans). */
export interface PolicyRecord {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  /** The iCalendar pattern as the API returns it (UTC times). */
  pattern: string;
  /** Retention as the API stores it, parsed; -1 means "not set" for the two counts. */
  retention: RetentionRecord;
  serverIds: string[];
  /** The user's tags (the ownership marker is never among them). */
  tags: Record<string, string>;
  /** The ownership marker the policy carries (see ownership-marker.ts), when it has one. */
  owner?: string;
  /** The API's own status word (csbs: suspended/started/enabled/disabled/creating). */
  status: string;
  /** The creation time as the API reports it, or "" when the API does not report one. */
  createdAt: string;
  projectId: string;
}

/** What to write: the whole declared policy. */
export interface PolicySpec {
  name: string;
  description: string;
  enabled: boolean;
  /** The canonical iCalendar pattern (UTC times). */
  pattern: string;
  /** The declared retention; backends convert it with the domain's `toOperationDefinition`. */
  retention: RetentionInput;
  /** The `timezone` of `retention.longTerm` (UTC±HH:MM); present exactly when `retention.longTerm` is. */
  longTermZone?: string;
  /**
   * An update that must switch long-term retention off: the API never shows it, so only the previous state
   * tells that the live policy has it. @default false
   */
  clearLongTerm?: boolean;
  /** The user's tags. */
  tags: Record<string, string>;
  /** The ownership marker to write; absent keeps the policy's current marker. */
  owner?: string;
}

/** The data-protection API, reduced to what the provider needs. */
export interface PolicyBackend {
  /** Which dialect this is, for messages ("csbs" or "karbor"). */
  readonly api: "csbs" | "karbor";
  list(): Promise<PolicyRecord[]>;
  /** The policy, or undefined when it does not exist (404). */
  get(id: string): Promise<PolicyRecord | undefined>;
  /** The policy with exactly this name (names are unique per project), or undefined. */
  findByName(name: string): Promise<PolicyRecord | undefined>;
  /**
   * One create call, answered with the policy as that call left it, which may not be usable yet (CSBS shows
   * `creating` for a while): nothing is left running. Whoever next needs the policy usable (the hook that writes
   * its servers, an update, the create hook itself when nothing later will) waits with `usable`. When the
   * response is lost, looks the policy up by its unique name before ever sending the create again.
   */
  create(spec: PolicySpec): Promise<PolicyRecord>;
  /**
   * The policy once it can be used (written to, run): at once when `seen` (a record just read or created) or a
   * GET shows it usable, else after waiting (spaced looks shared by every policy waited for at the time).
   * Undefined when a GET finds no such policy. Throws {@link PolicyUnusableError} when it ends in error,
   * disappears while being created, or is still not usable at the deadline.
   */
  usable(id: string, seen?: PolicyRecord): Promise<PolicyRecord | undefined>;
  /** Writes the changed parts of the policy (servers are left as they are). */
  update(id: string, spec: PolicySpec, current?: PolicyRecord): Promise<PolicyRecord>;
  /** Replaces the policy's whole server list. */
  setServers(id: string, serverIds: string[]): Promise<PolicyRecord>;
  /** Deletes the policy and keeps its backups; waits out "backup running" conflicts. Missing is success. */
  delete(id: string): Promise<void>;
  /** How many policies the project may hold. */
  policyQuota(): Promise<number>;
}

/** A write addressed a policy that does not exist (any more); both dialects report it the same way. */
export class PolicyNotFoundError extends Error {
  constructor(readonly policyId: string) {
    super(`policy ${policyId} does not exist`);
    this.name = "PolicyNotFoundError";
  }
}

/** Why a policy never became usable after its create; the same in both dialects. */
export type PolicyUnusableRule = Extract<RuleId, "policy.createFailed" | "policy.vanished" | "policy.createTimeout">;

/** A policy that did not become usable: it ended in error, disappeared while being created, or took too long. */
export class PolicyUnusableError extends Error {
  constructor(
    readonly rule: PolicyUnusableRule,
    readonly policyId: string,
    message: string,
  ) {
    super(message);
    this.name = "PolicyUnusableError";
  }
}
