/**
 * The deployment-wide rules seen from the whole stack at once: a server in at most one policy and one
 * association, at most 64 servers per policy, at most 32 policies per project, over every declaration of the
 * stack, each violation naming every resource it involves. Built on the same rule functions the provider's
 * check applies resource by resource (`membership.ts`), so there is one reading of each rule. Used by the SDK's
 * program-side stack pass (every violation of a program in one preview, before the engine checks anything) and by
 * the policy pack's stack rules. Pure; the live cloud is the provider's check's business.
 */
import type { RuleId } from "./rule-ids";
import { LIMITS } from "./limits";
import { checkPolicyQuota, checkServersPerPolicy, serverClaims } from "./membership";

/** The names users know these rules by (the policy pack's rule names, also in the program's messages). */
export const STACK_RULE_NAMES = {
  serverInOnePolicy: "csbs-server-in-one-policy",
  serversPerPolicy: "csbs-servers-per-policy",
  policiesPerProject: "csbs-policies-per-project",
} as const;

export type StackRuleName = (typeof STACK_RULE_NAMES)[keyof typeof STACK_RULE_NAMES];

/** A BackupPolicy of the stack. */
export interface StackPolicyDecl {
  /** Identifies the declaration to the caller (a URN, a ledger key); echoed in violations. */
  key: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** Which project the policy lives in; policies of different keys are counted apart. */
  projectKey: string;
}

/** A PolicyAssociation of the stack. */
export interface StackAssociationDecl {
  key: string;
  resourceName: string;
  /** The policy it fills: associations with the same key fill the same policy; a unique key when unknown. */
  policyKey: string;
  /** How messages name that policy, e.g. `BackupPolicy "daily" (name "daily-1a2b3c4")`. */
  policyLabel: string;
  /** Which project the servers live in: the same id in two projects is two servers. */
  projectKey: string;
  /** The server ids known now (unknown ones left out: nobody can judge them yet). */
  serverIds: readonly string[];
}

/** One violation of the stack. */
export interface StackViolation {
  rule: RuleId;
  ruleName: StackRuleName;
  message: string;
  /** The declaration the violation is reported on. */
  subject: string;
  /** Every declaration involved (the subject included), in the stack's order. */
  involved: string[];
  /** The servers at stake, for a server listed twice. */
  serverIds?: string[];
}

/** Every declaration of one stack. */
export interface StackDecls {
  policies: readonly StackPolicyDecl[];
  associations: readonly StackAssociationDecl[];
}

/** Limits of the stack rules; a policy limit of undefined leaves that rule to the live check (e.g. Karbor's quota). */
export interface StackLimits {
  policiesPerProject?: number;
  serversPerPolicy?: number;
}

const SHOWN = 5;

/** Every violation of the three stack rules. */
export function stackViolations(stack: StackDecls, limits: StackLimits = { policiesPerProject: LIMITS.policiesPerProject }): StackViolation[] {
  return [
    ...sharedServerViolations(stack.associations),
    ...overfullPolicyViolations(stack.associations, limits.serversPerPolicy),
    ...(limits.policiesPerProject === undefined ? [] : policiesPerProjectViolations(stack.policies, limits.policiesPerProject)),
  ];
}

/**
 * Servers listed by more than one association (of one project), one violation per set of associations sharing
 * servers, so two associations that overlap by 30 servers are one line, not 30.
 */
export function sharedServerViolations(associations: readonly StackAssociationDecl[]): StackViolation[] {
  const byProject = groupBy(associations, (a) => a.projectKey);
  const out: StackViolation[] = [];
  for (const group of byProject.values()) {
    const bySharers = new Map<string, { holders: StackAssociationDecl[]; servers: string[] }>();
    for (const [serverId, holders] of serverClaims(group)) {
      if (holders.length < 2) continue;
      const sharersKey = JSON.stringify(holders.map((h) => h.key));
      const entry = bySharers.get(sharersKey) ?? { holders, servers: [] };
      entry.servers.push(serverId);
      bySharers.set(sharersKey, entry);
    }
    for (const { holders, servers } of bySharers.values()) {
      const samePolicy = new Set(holders.map((h) => h.policyKey)).size === 1;
      const listed = andList(holders.map((h) => `association "${h.resourceName}" (${h.policyLabel})`));
      const fix = samePolicy
        ? "a server can be in only one association of a policy; remove it from all but one of them"
        : "a server can be in only one backup policy; keep it in one policy and remove it from the other associations";
      out.push({
        rule: "membership.serverInOtherAssociation",
        ruleName: STACK_RULE_NAMES.serverInOnePolicy,
        message: `${serverList(servers)} listed by ${listed}: ${fix}`,
        subject: (holders[1] ?? holders[0]).key,
        involved: holders.map((h) => h.key),
        serverIds: servers,
      });
    }
  }
  return out;
}

/** Policies that the stack's associations fill beyond the limit, naming every association of the policy. */
export function overfullPolicyViolations(associations: readonly StackAssociationDecl[], limit: number = LIMITS.serversPerPolicy): StackViolation[] {
  const out: StackViolation[] = [];
  for (const group of groupBy(associations, (a) => `${a.projectKey}\u0000${a.policyKey}`).values()) {
    const message = checkServersPerPolicy({
      policyLabel: group[0].policyLabel,
      live: [],
      associations: group.map((a) => ({ name: a.resourceName, serverIds: a.serverIds })),
      limit,
    });
    if (message === undefined) continue;
    out.push({
      rule: "membership.tooManyServers",
      ruleName: STACK_RULE_NAMES.serversPerPolicy,
      message,
      subject: group[group.length - 1].key,
      involved: group.map((a) => a.key),
    });
  }
  return out;
}

/** Projects for which the stack declares more policies than the limit, naming every policy. */
export function policiesPerProjectViolations(policies: readonly StackPolicyDecl[], limit: number = LIMITS.policiesPerProject): StackViolation[] {
  const out: StackViolation[] = [];
  for (const [project, group] of groupBy(policies, (p) => p.projectKey)) {
    // The same count as the provider's quota rule, with no policy of the project outside the stack.
    if (checkPolicyQuota({ livePolicyNames: [], newPolicyNames: group.map((p) => p.key), limit }) === undefined) continue;
    const over = group.length - limit;
    const extra = group.slice(limit, limit + SHOWN).map((p) => `"${p.resourceName}"`).join(", ");
    out.push({
      rule: "quota.policiesPerProject",
      ruleName: STACK_RULE_NAMES.policiesPerProject,
      message:
        `the stack declares ${group.length} BackupPolicy resources in ${project}: a project holds at most ${limit} backup policies; ` +
        `remove ${over} (for example ${extra}) or move ${over === 1 ? "it" : "them"} to a stack of another project`,
      subject: (group[limit] ?? group[group.length - 1]).key,
      involved: group.map((p) => p.key),
    });
  }
  return out;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, [T, ...T[]]> {
  const groups = new Map<string, [T, ...T[]]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

function andList(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function serverList(servers: readonly string[]): string {
  if (servers.length === 1) return `server "${servers[0]}" is`;
  const shown = servers.slice(0, SHOWN).map((s) => `"${s}"`).join(", ");
  const more = servers.length > SHOWN ? ` and ${servers.length - SHOWN} more` : "";
  return `${servers.length} servers (${shown}${more}) are`;
}
