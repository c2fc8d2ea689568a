/**
 * Runs one rule of the pack in-process, as @pulumi/policy would: a resource (or a stack of them) with plain props,
 * the rule's config, and what it reported. The engine specs (stack-rules, organisation-rules) run the same rules
 * through a real preview; these harness specs pin each rule's logic case by case.
 */
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { BACKUP_POLICY_TYPE, POLICY_ASSOCIATION_TYPE } from "../../../policy-pack/src/resource-types";

export { BACKUP_POLICY_TYPE, POLICY_ASSOCIATION_TYPE };

/** What a rule said: its violations, and the "cannot tell yet" note it ended with, if any. */
export interface RuleOutcome {
  violations: string[];
  unknown?: string;
}

export const urnOf = (type: string, name: string): string => `urn:pulumi:dev::proj::${type}::${name}`;

async function outcome(run: (report: (message: string) => void) => void | Promise<void>): Promise<RuleOutcome> {
  const violations: string[] = [];
  try {
    await run((message) => void violations.push(message));
    return { violations };
  } catch (err) {
    // The pack's "not known yet" error is @pulumi/policy's UnknownValueError; anything else is a crash.
    if (err instanceof Error && "unknownTypeSentinel" in err) return { violations, unknown: err.message };
    throw err;
  }
}

/** Runs a resource rule on one resource. */
export function runResourceRule(
  rule: ResourceValidationPolicy,
  resource: { type?: string; name: string; props: Record<string, unknown> },
  config: Record<string, unknown> = {},
): Promise<RuleOutcome> {
  const type = resource.type ?? BACKUP_POLICY_TYPE;
  const args = { type, name: resource.name, urn: urnOf(type, resource.name), props: resource.props, getConfig: () => config } as unknown as ResourceValidationArgs;
  const validate = rule.validateResource;
  if (typeof validate !== "function") throw new Error(`${rule.name} has no single validateResource`);
  return outcome((report) => validate(args, report));
}

/** A stack resource; `policyIdFrom` names the BackupPolicy resource the association's policyId depends on. */
export function stackResource(type: string, name: string, props: Record<string, unknown>, policyIdFrom?: string): PolicyResource {
  const dependency = policyIdFrom === undefined ? [] : [{ type: BACKUP_POLICY_TYPE, urn: urnOf(BACKUP_POLICY_TYPE, policyIdFrom), name: policyIdFrom }];
  return { type, name, urn: urnOf(type, name), props, propertyDependencies: { policyId: dependency } } as unknown as PolicyResource;
}

/** Runs a stack rule on the given resources. */
export function runStackRule(rule: StackValidationPolicy, resources: PolicyResource[], config: Record<string, unknown> = {}): Promise<RuleOutcome> {
  const args = { resources, getConfig: () => config } as unknown as StackValidationArgs;
  return outcome((report) => rule.validateStack(args, report));
}
