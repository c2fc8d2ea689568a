/**
 * The dynamic-provider hooks of BackupPolicy. The serialized loader in the SDK calls these by name.
 * check validates everything at once, then applies the live rules; diff compares normalized values; create
 * makes one policy (found again by name if its answer was lost), or takes over the policy of its name that an
 * interrupted create of this resource left (recognised by its ownership marker); read reports drift; update
 * writes only what changed, keeping the marker; delete keeps the backups.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyBackend, PolicyRecord, PolicySpec } from "../backends/policy-backend";
import { isRecord } from "../domain/coerce";
import type { PolicyInputs } from "../domain/policy-inputs";
import { providerContext, type ProviderContext } from "./context";
import { isUnknown } from "../domain/unknown";
import { undefinedProfileFailure } from "./profile-failures";
import { failuresForEngine } from "./engine-failures";
import { warnOfForeignServers } from "./foreign-servers";
import { liveCheckFailure } from "./live-check-failure";
import { quietUserFacingErrors } from "./quiet-console";
import { stateOperationError } from "./state-operation-error";
import { userError, UserFacingError } from "./errors";
import { changedProperties, enabledKey, patternKey, retentionKey, scheduleKey, tagsKey, textKey } from "./normalize";
import { longTermDialectFailures } from "./long-term-rules";
import { policyDifferences } from "./policy-match";
import { claimOf, isTagCountFailure, ownerInput, ownerTagFailures } from "./policy-ownership";
import { createsPolicy, policyRuleFailures } from "./policy-rules";
import { profileOf, profileReplaces } from "./profile-change";
import { declaredPart, outputsFromCreate, outputsFromRecord, specFromInputs, type PolicyOutputs } from "./policy-state";
import { reportedByProgram } from "./reported-failures";
import { settleCreated, usedByAssociation, USED_BY_ASSOCIATION_KEY } from "./policy-usability";
import { providerRuntime } from "../runtime/provider-runtime";
import { policyInputs } from "./validators";
import { hasState, policyLabel } from "./resource-label";

export { configure } from "./context";

quietUserFacingErrors();

type Props = Record<string, unknown>;

/** The hidden inputs the SDK adds (never user-facing). */
interface Hidden {
  __resourceName: string;
  __autoNamed?: boolean;
  /** The ownership marker written on the policy (derived from project, stack and resource name). */
  __owner?: string;
  /** A PolicyAssociation of the program fills this policy, so its write waits for the policy (policy-usability.ts). */
  [USED_BY_ASSOCIATION_KEY]?: true;
}

type CheckedInputs = PolicyInputs & Hidden;

function hidden(props: Props): Hidden {
  const owner = ownerInput(props.__owner);
  return {
    __resourceName: typeof props.__resourceName === "string" ? props.__resourceName : "",
    ...(props.__autoNamed === true ? { __autoNamed: true } : {}),
    ...(owner !== undefined ? { __owner: owner } : {}),
    ...(usedByAssociation(props) ? { [USED_BY_ASSOCIATION_KEY]: true as const } : {}),
  };
}

/** What to write: the declared policy plus this resource's marker. */
function specOf(inputs: CheckedInputs): PolicySpec {
  const spec = specFromInputs(inputs);
  return inputs.__owner !== undefined ? { ...spec, owner: inputs.__owner } : spec;
}

export async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const validation = policyInputs().validatePolicyInputs(news, new Date());
  // The marker's tag slot makes the tag limit one lower than the domain's; its message replaces the domain's.
  const tagFailures = ownerTagFailures(isRecord(news) ? news.tags : undefined);
  const reported = reportedByProgram(news, () => policyLabel(news));
  if (!validation.inputs || tagFailures.length > 0 || reported.length > 0) {
    const others = reported.length > 0 ? reported : validation.failures.filter((f) => !(tagFailures.length > 0 && isTagCountFailure(f)));
    return { failures: failuresForEngine([...others, ...tagFailures]) };
  }
  const inputs = validation.inputs;
  const extra = hidden(news);
  const existing = hasState(olds);
  const entry = {
    resourceName: extra.__resourceName,
    policyName: validation.unknowns.includes("name") ? undefined : inputs.name,
    oldPolicyName: existing && typeof olds.name === "string" ? olds.name : undefined,
    creates: !existing,
  };
  // A profile that is not known yet (an output of another resource) decides the project: its rules wait for it.
  if (isUnknown(inputs.profile)) return { inputs: { ...extra, ...inputs } };
  const { deployment } = providerRuntime();
  let ctx: ProviderContext | undefined;
  try {
    ctx = await providerContext(inputs.profile);
    const place = await ctx.place();
    deployment.registerPolicy(entry, place.key);
    // The quota matters only to a declaration that makes a policy: a create reads it beside the listing, a
    // rename to a free name after it, and an unchanged or updated policy never (issue 18: no quota request in an
    // up that only changes servers).
    const [live, early] = await Promise.all([ctx.backend.list(), entry.creates ? ctx.backend.policyQuota() : undefined]);
    const quota = early ?? (createsPolicy(entry, inputs.name, live) ? await ctx.backend.policyQuota() : undefined);
    const failures = [
      ...longTermDialectFailures(inputs, ctx.backend.api),
      ...policyRuleFailures({
        entry,
        inputs,
        autoNamed: extra.__autoNamed === true,
        owner: extra.__owner,
        live,
        quota,
        deployment: deployment.snapshot(place.key),
        place: place.label,
      }),
    ];
    if (failures.length > 0) return { failures: failuresForEngine(failures) };
    const holder = entry.creates && entry.policyName !== undefined ? live.find((p) => p.name === entry.policyName) : undefined;
    if (holder) deployment.registerPolicy({ ...entry, takesOverId: holder.id }, place.key);
  } catch (err) {
    const profileFailure = undefinedProfileFailure(err);
    if (profileFailure) return { failures: failuresForEngine([profileFailure]) };
    return liveCheckFailure(err, policyLabel(news), "check the project's policies", ctx?.settings);
  }
  return { inputs: { ...extra, ...inputs } };
}

const DIFF_KEYS = {
  name: textKey,
  description: textKey,
  enabled: enabledKey,
  schedule: scheduleKey,
  retention: retentionKey,
  tags: tagsKey,
  pattern: patternKey,
  longTermZone: textKey,
};

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const changed = changedProperties(olds, news, DIFF_KEYS);
  const replaces = profileReplaces(olds, news);
  // Deleted first: the new profile may reach the same project, where the old policy would hold the name.
  return { changes: changed.length > 0 || replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
}

export async function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  const label = policyLabel(inputs);
  const spec = specOf(inputs);
  const ctx = await providerContext(inputs.profile);
  try {
    // Names are unique: a live policy of this name is either ours from an interrupted create, one to adopt, or
    // someone else's (looked up first also because Karbor would accept a duplicate). The listing `check` made in
    // this process holds it (our own writes are applied to that listing), so no request per create is needed.
    const existing = (await ctx.backend.list()).find((p) => p.name === spec.name);
    const made = existing ? await takeOver(ctx.backend, existing, inputs, spec, label) : await ctx.backend.create(spec);
    const record = await settleCreated(ctx.backend, made, usedByAssociation(inputs as unknown as Props));
    return { id: record.id, outs: outputsFromCreate(inputs.__resourceName, inputs, record) };
  } catch (err) {
    throw userError(err, label, `create policy "${spec.name}"`);
  }
}

/** Takes over the live policy of the declared name when the ownership rules allow it, else fails saying why. */
async function takeOver(backend: PolicyBackend, existing: PolicyRecord, inputs: CheckedInputs, spec: PolicySpec, label: string): Promise<PolicyRecord> {
  const claim = claimOf(existing, { owner: inputs.__owner, adopt: inputs.adopt, autoNamed: inputs.__autoNamed === true });
  if (claim.kind === "refuse") throw new UserFacingError(`${label}: \`name\` is "${spec.name}", ${claim.reason}`);
  // Ours from an interrupted create: whatever state it was left in, make it the declared one.
  if (claim.kind === "recover") return backend.update(existing.id, spec);
  const diffs = policyDifferences(existing, spec);
  if (diffs.length > 0) {
    throw new UserFacingError(
      `${label}: policy "${spec.name}" (${existing.id}) already exists and differs from this declaration: ${diffs.join("; ")}; ` +
        "make the declaration match it (or change it in the console) and run again, or choose another `name`",
    );
  }
  // Adopted: from now on it carries this resource's marker.
  return spec.owner !== undefined && existing.owner !== spec.owner ? backend.update(existing.id, spec) : existing;
}

export async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const ctx = await providerContext(profileOf(props).profile).catch((err: unknown) => {
    throw stateOperationError(err, policyLabel(props), `read policy ${id}`);
  });
  try {
    const record = await ctx.backend.readOnce(id);
    if (!record) return {};
    const outs = outputsFromRecord(record, props as Partial<PolicyOutputs>, new Date());
    return { id, props: outs, inputs: { ...declaredPart(outs), ...hidden(props), pattern: outs.pattern, longTermZone: outs.longTermZone } };
  } catch (err) {
    throw userError(err, policyLabel(props), `read policy ${id}`);
  }
}

export async function update(id: string, olds: Props, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  const spec = { ...specOf(news), ...(hadLongTerm(olds) && !news.retention.longTerm ? { clearLongTerm: true } : {}) };
  const ctx = await providerContext(news.profile);
  try {
    const record = await ctx.backend.update(id, spec);
    return { outs: outputsFromCreate(news.__resourceName, news, record) };
  } catch (err) {
    throw userError(err, policyLabel(news), `update policy "${spec.name}" (${id})`);
  }
}

function hadLongTerm(olds: Props): boolean {
  return isRecord(olds.retention) && isRecord(olds.retention.longTerm);
}

async function deletePolicy(id: string, props: Props): Promise<void> {
  const ctx = await providerContext(profileOf(props).profile).catch((err: unknown) => {
    throw stateOperationError(err, policyLabel(props), `delete policy ${id}`);
  });
  await warnOfForeignServers(ctx, id, policyLabel(props));
  try {
    await ctx.backend.delete(id);
  } catch (err) {
    throw userError(err, policyLabel(props), `delete policy ${id}`);
  }
}

export { deletePolicy as delete };
