/**
 * This package's resources in a stack, as the stack rules see them: backup policies, and associations grouped
 * by the policy they fill. During a preview a new policy has no id yet, so an association is grouped by the
 * BackupPolicy its `policyId` depends on (the engine's property dependencies), else by the literal id.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isUnknown, type StackDecls } from "../../provider/domain";
import { plainRecord } from "./plain-props";
import { BACKUP_POLICY_TYPE, POLICY_ASSOCIATION_TYPE } from "./resource-types";

/** A BackupPolicy of the stack. */
export interface StackPolicy {
  urn: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** The policy name in the cloud, or undefined while unknown. */
  name?: string;
  props: Record<string, unknown>;
  /** Which project the policy lives in: one key per stack until stacks can target several projects. */
  projectKey: string;
}

/** A PolicyAssociation of the stack. */
export interface StackAssociation {
  urn: string;
  resourceName: string;
  /** Groups the associations of one policy: the policy's URN, or its literal id, or this association's URN. */
  policyKey: string;
  /** How messages name the policy. */
  policyLabel: string;
  /** The known server ids, in order. */
  serverIds: string[];
  /** True when the list itself or some of its ids are unknown. */
  serversUnknown: boolean;
  props: Record<string, unknown>;
}

export interface StackModel {
  policies: StackPolicy[];
  associations: StackAssociation[];
}

/** The project key of a resource; a later profile setting (several projects per stack) extends this. */
export const STACK_PROJECT = "the stack's project";

/** Reads the stack's policies and associations; other resources are ignored. */
export function readStack(resources: readonly PolicyResource[]): StackModel {
  const policies: StackPolicy[] = [];
  const byUrn = new Map<string, StackPolicy>();
  for (const r of resources) {
    if (r.type !== BACKUP_POLICY_TYPE) continue;
    const props = plainRecord(r.props);
    const name = typeof props.name === "string" && !isUnknown(props.name) ? props.name : undefined;
    const policy: StackPolicy = { urn: r.urn, resourceName: r.name, name, props, projectKey: STACK_PROJECT };
    policies.push(policy);
    byUrn.set(r.urn, policy);
  }
  const associations: StackAssociation[] = [];
  for (const r of resources) {
    if (r.type !== POLICY_ASSOCIATION_TYPE) continue;
    const props = plainRecord(r.props);
    const source = (r.propertyDependencies?.policyId ?? []).find((d) => d.type === BACKUP_POLICY_TYPE);
    const policy = source === undefined ? undefined : byUrn.get(source.urn);
    const literal = typeof props.policyId === "string" && !isUnknown(props.policyId) ? props.policyId : undefined;
    const policyKey = policy?.urn ?? (literal !== undefined ? `id:${literal}` : `unknown:${r.urn}`);
    const policyLabel =
      policy !== undefined ? policyLabelOf(policy) : literal !== undefined ? `policy id ${literal}` : `the policy of association "${r.name}"`;
    const raw = props.serverIds;
    const list = Array.isArray(raw) ? raw : [];
    const serverIds = list.filter((id): id is string => typeof id === "string" && !isUnknown(id));
    const serversUnknown = !Array.isArray(raw) || serverIds.length !== list.length;
    associations.push({ urn: r.urn, resourceName: r.name, policyKey, policyLabel, serverIds, serversUnknown, props });
  }
  // The engine lists resources in registration order, which varies between runs; messages should not.
  const byName = (a: { resourceName: string }, b: { resourceName: string }) => a.resourceName.localeCompare(b.resourceName, "en", { numeric: true });
  return { policies: policies.sort(byName), associations: associations.sort(byName) };
}

/** `BackupPolicy "daily" (name "daily-1a2b3c4")`, or without the name while it is unknown. */
export function policyLabelOf(policy: StackPolicy): string {
  return policy.name === undefined || policy.name === policy.resourceName
    ? `BackupPolicy "${policy.resourceName}"`
    : `BackupPolicy "${policy.resourceName}" (name "${policy.name}")`;
}

/** The stack as the domain's stack rules take it (`provider/domain/stack-rules.ts`), keyed by URN. */
export function stackDecls(model: StackModel): StackDecls {
  return {
    policies: model.policies.map((p) => ({ key: p.urn, resourceName: p.resourceName, projectKey: p.projectKey })),
    associations: model.associations.map((a) => ({
      key: a.urn,
      resourceName: a.resourceName,
      policyKey: a.policyKey,
      policyLabel: a.policyLabel,
      projectKey: STACK_PROJECT,
      serverIds: a.serverIds,
    })),
  };
}
