/**
 * The dynamic-provider hooks of PolicyAssociation: which servers one policy protects. Several associations
 * may share a policy; each adds and removes only its own servers. The id is `${policyId}/${uuid}`.
 */
import { randomUUID } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { AssociationInputs } from "../domain/association-inputs";
import { asBoolean, isRecord } from "../domain/coerce";
import type { SelectableServer, ServerSelector } from "../domain/server-selector";
import { containsUnknown, isUnknown, unknownPlaceholder } from "../domain/unknown";
import { takenOverPolicyId } from "./adopted-policy";
import { associationRuleFailures, serversToVerify } from "./association-rules";
import { providerContext, type ProviderContext } from "./context";
import { inheritProfile } from "./association-profile";
import { profileOf, profileReplaces } from "./profile-change";
import { undefinedProfileFailure } from "./profile-failures";
import { failuresForEngine } from "./engine-failures";
import { liveCheckFailure } from "./live-check-failure";
import { quietUserFacingErrors } from "./quiet-console";
import { stateOperationError } from "./state-operation-error";
import { userError } from "./errors";
import { changeMembership } from "./membership-writer";
import { missingPolicyFailures } from "./missing-policy";
import { changedProperties, idSetKey, stableJson, textKey } from "./normalize";
import { reportedByProgram } from "./reported-failures";
import { providerRuntime } from "../runtime/provider-runtime";
import { associationLabel, hasState } from "./resource-label";
import { associationInputs, serverSelection } from "./validators";
import { batchHints } from "./batch-hints";

export { configure } from "./context";

quietUserFacingErrors();

type Props = Record<string, unknown>;

/** The hidden input the state keeps: the resource's name, for messages and the membership writes' owner. */
interface Hidden {
  __resourceName: string;
}

/**
 * What the program tells `check` about the association's policy. Nothing after `check` reads them, so the outputs
 * leave both out; the checked inputs keep `__policyRef` alone, for the pull-request digest, which reads a preview's
 * planned inputs to count each policy's servers before its id is known.
 */
interface PolicyHints {
  /** The URN of the BackupPolicy of this program that `policyId` comes from (known in a preview), or the id itself. */
  policyRef?: unknown;
  /** That policy's profile ("" for the stack-wide settings); absent when `policyId` is not such a policy's output. */
  policyProfile?: string;
}

type CheckedInputs = AssociationInputs & Hidden;

/** What an association keeps in state. Never undefined values. */
interface AssociationOutputs extends Hidden {
  policyId: string;
  serverIds: string[];
  /** Present when the servers are chosen by selector (serverIds is then what it resolved to). */
  serverSelector?: ServerSelector;
  allowEmpty?: boolean;
  takeOver: boolean;
  profile?: string;
}

function hidden(props: Props): Hidden {
  return { __resourceName: typeof props.__resourceName === "string" ? props.__resourceName : "" };
}

/** The checked inputs' copy of the policy reference, when the program gave one. */
function policyRefInput(hints: PolicyHints): { __policyRef?: string } {
  return typeof hints.policyRef === "string" ? { __policyRef: hints.policyRef } : {};
}

function policyHints(news: Props): PolicyHints {
  return {
    policyRef: news.__policyRef,
    ...(typeof news.__policyProfile === "string" ? { policyProfile: news.__policyProfile } : {}),
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && !isUnknown(v)) : [];
}

export async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const validation = associationInputs().validateAssociationInputs(news);
  const reported = reportedByProgram(news, () => associationLabel(news));
  if (!validation.inputs || reported.length > 0) return { failures: failuresForEngine(reported.length > 0 ? reported : validation.failures) };
  const extra = hidden(news);
  const hints = policyHints(news);
  const inherited = inheritProfile(validation.inputs, hints.policyProfile);
  if ("failure" in inherited) return { failures: failuresForEngine([inherited.failure]) };
  let inputs = inherited.inputs;
  // A profile not known yet decides the project: the servers and rules wait for it.
  if (isUnknown(inputs.profile)) return { inputs: { ...extra, ...policyRefInput(hints), ...inputs } };
  const selector = inputs.serverSelector;
  let selected: SelectableServer[] | undefined;
  if (selector !== undefined) {
    try {
      if (containsUnknown(selector) || isUnknown(inputs.allowEmpty)) {
        // Not known yet in this preview: the list is not either; the up resolves it.
        inputs = { ...inputs, serverIds: unknownPlaceholder<string[]>() };
      } else {
        const selection = serverSelection().selectServers(await (await providerContext(inputs.profile)).servers.selectable(), selector, inputs.allowEmpty === true);
        if (selection.failures.length > 0) return { failures: failuresForEngine(selection.failures) };
        selected = selection.servers;
        inputs = { ...inputs, serverIds: selected.map((s) => s.id) };
      }
    } catch (err) {
      const profileFailure = undefinedProfileFailure(err);
      if (profileFailure) return { failures: failuresForEngine([profileFailure]) };
      throw userError(err, associationLabel(news), "list the servers the selector chooses from");
    }
  }
  const existing = hasState(olds);
  const batch = batchHints(news);
  const declaredPolicyId = isUnknown(inputs.policyId) ? undefined : inputs.policyId;
  const policyRef = typeof hints.policyRef === "string" && hints.policyRef !== "" && !isUnknown(hints.policyRef) ? hints.policyRef : undefined;
  // A policy this deployment adopts has no id yet in a preview, but it is the live policy of its name.
  const policyId = declaredPolicyId ?? takenOverPolicyId(policyRef);
  const known = (Array.isArray(inputs.serverIds) ? inputs.serverIds : []).filter((s) => !isUnknown(s));
  // Failures point at the user's own list; the validated one is sorted, so index the rules by the original order.
  const declared = selected
    ? selected.map((s) => s.id)
    : Array.isArray(news.serverIds) ? news.serverIds.map((s) => (typeof s === "string" ? s.toLowerCase() : "")) : [];
  const entry = {
    resourceName: extra.__resourceName,
    policyKey: policyRef ?? policyId,
    policyId,
    serverIds: known,
    oldPolicyId: existing && typeof olds.policyId === "string" ? olds.policyId : undefined,
    oldServerIds: existing ? stringList(olds.serverIds) : [],
    takeOver: asBoolean(inputs.takeOver) === true,
    ...(batch.associationsOfPolicy !== undefined ? { associationsOfPolicy: batch.associationsOfPolicy } : {}),
  };
  const { deployment, membershipBatches } = providerRuntime();
  membershipBatches.useCapacity(batch.engineParallelism);
  let ctx: ProviderContext | undefined;
  try {
    ctx = await providerContext(inputs.profile);
    const place = await ctx.place();
    deployment.registerAssociation(entry, place.key);
    const servers = ctx.servers;
    const adding = serversToVerify(entry);
    const [live, facts] = await Promise.all([ctx.backend.list(), servers.factsOf(adding)]);
    const ruleFailures = [
      ...missingPolicyFailures(declaredPolicyId, live),
      ...associationRuleFailures({ entry, declared, live, facts, deployment: deployment.snapshot(place.key), place: place.label }),
    ];
    const failures = selector && selected ? serverSelection().selectorFailures(ruleFailures, selector, selected) : ruleFailures;
    if (failures.length > 0) return { failures: failuresForEngine(failures) };
  } catch (err) {
    const profileFailure = undefinedProfileFailure(err);
    if (profileFailure) return { failures: failuresForEngine([profileFailure]) };
    return liveCheckFailure(err, associationLabel(news), "check the servers and policies", ctx?.settings);
  }
  return { inputs: { ...extra, ...policyRefInput(hints), ...inputs } };
}

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const replaces = [
    ...(isUnknown(news.policyId) || textKey(olds.policyId) !== textKey(news.policyId) ? ["policyId"] : []),
    ...profileReplaces(olds, news),
  ];
  const changed = changedProperties(olds, news, {
    serverIds: idSetKey,
    serverSelector: stableJson,
    allowEmpty: (v) => String(asBoolean(v) ?? false),
    takeOver: (v) => String(asBoolean(v) ?? false),
  });
  return { changes: replaces.length > 0 || changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
}

function outputs(inputs: CheckedInputs, serverIds: string[]): AssociationOutputs {
  return {
    ...hidden(inputs as unknown as Props),
    policyId: inputs.policyId,
    serverIds,
    ...selection(inputs),
    takeOver: inputs.takeOver === true,
    ...profileOf(inputs),
  };
}

/** The selector part of a state, from checked inputs or a previous state. */
function selection(props: { serverSelector?: unknown; allowEmpty?: unknown }): Pick<AssociationOutputs, "serverSelector" | "allowEmpty"> {
  if (!isRecord(props.serverSelector)) return {};
  return { serverSelector: props.serverSelector as ServerSelector, allowEmpty: asBoolean(props.allowEmpty) === true };
}

export async function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  const label = associationLabel(inputs);
  const ctx = await providerContext(inputs.profile);
  try {
    const after = await changeMembership(ctx, {
      policyId: inputs.policyId,
      add: inputs.serverIds,
      remove: [],
      takeOver: inputs.takeOver === true,
      resourceName: inputs.__resourceName,
      label,
    });
    if (!after) throw new Error(`policy ${inputs.policyId} does not exist; create it first or fix policyId`);
    return { id: `${inputs.policyId}/${randomUUID()}`, outs: outputs(inputs, [...inputs.serverIds]) };
  } catch (err) {
    throw userError(err, label, `add ${inputs.serverIds.length} servers to policy ${inputs.policyId}`);
  }
}

function policyIdOf(id: string, props: Props): string {
  return typeof props.policyId === "string" ? props.policyId : id.split("/")[0];
}

export async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const policyId = policyIdOf(id, props);
  const ctx = await providerContext(profileOf(props).profile).catch((err: unknown) => {
    throw stateOperationError(err, associationLabel(props), `read policy ${policyId}`);
  });
  try {
    const policy = await ctx.backend.readOnce(policyId);
    if (!policy) return {};
    const present = stringList(props.serverIds).filter((s) => policy.serverIds.includes(s));
    const state: AssociationOutputs = {
      ...hidden(props),
      policyId,
      serverIds: present,
      ...selection(props),
      takeOver: asBoolean(props.takeOver) === true,
      ...profileOf(props),
    };
    return { id, props: { ...state }, inputs: { ...state } };
  } catch (err) {
    throw userError(err, associationLabel(props), `read policy ${policyId}`);
  }
}

export async function update(id: string, olds: Props, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  const label = associationLabel(news);
  const policyId = news.policyId;
  const ctx = await providerContext(news.profile);
  const dropped = stringList(olds.serverIds).filter((s) => !news.serverIds.includes(s));
  try {
    const after = await changeMembership(ctx, {
      policyId,
      add: news.serverIds,
      remove: dropped,
      takeOver: news.takeOver === true,
      resourceName: news.__resourceName,
      label,
    });
    if (!after) throw new Error(`policy ${policyId} no longer exists; run \`pulumi refresh\` and then \`pulumi up\``);
    return { outs: outputs(news, [...news.serverIds]) };
  } catch (err) {
    throw userError(err, label, `change the servers of policy ${policyId} (association ${id})`);
  }
}

async function deleteAssociation(id: string, props: Props): Promise<void> {
  const policyId = policyIdOf(id, props);
  const servers = stringList(props.serverIds);
  const ctx = await providerContext(profileOf(props).profile).catch((err: unknown) => {
    throw stateOperationError(err, associationLabel(props), `remove ${servers.length} servers from policy ${policyId}`);
  });
  try {
    await changeMembership(ctx, {
      policyId,
      add: [],
      remove: servers,
      takeOver: false,
      resourceName: hidden(props).__resourceName,
      label: associationLabel(props),
    });
  } catch (err) {
    throw userError(err, associationLabel(props), `remove ${servers.length} servers from policy ${policyId}`);
  }
}

export { deleteAssociation as delete };
