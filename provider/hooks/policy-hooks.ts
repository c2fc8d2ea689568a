/**
 * The dynamic-provider hooks of BackupPolicy. The serialized loader in the SDK calls these by name.
 * check validates everything at once, then applies the live rules; diff compares normalized values; create
 * makes one policy (found again by name if its answer was lost); read reports drift; update writes only
 * what changed; delete keeps the backups.
 */
import type * as pulumi from "@pulumi/pulumi";
import { validatePolicyInputs, type PolicyInputs } from "../domain/policy-inputs";
import { providerContext } from "./context";
import { userError, UserFacingError } from "./errors";
import { changedProperties, enabledKey, patternKey, retentionKey, scheduleKey, tagsKey, textKey } from "./normalize";
import { policyDifferences } from "./policy-match";
import { policyRuleFailures } from "./policy-rules";
import { declaredPart, outputsFromCreate, outputsFromRecord, specFromInputs, type PolicyOutputs } from "./policy-state";
import { registerPolicy } from "./registry";
import { hasState, policyLabel } from "./resource-label";

export { configure } from "./context";

type Props = Record<string, unknown>;

/** The hidden inputs the SDK adds (never user-facing). */
interface Hidden {
  __resourceName: string;
  __autoNamed?: boolean;
}

type CheckedInputs = PolicyInputs & Hidden;

function hidden(props: Props): Hidden {
  return {
    __resourceName: typeof props.__resourceName === "string" ? props.__resourceName : "",
    ...(props.__autoNamed === true ? { __autoNamed: true } : {}),
  };
}

export async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const validation = validatePolicyInputs(news, new Date());
  if (!validation.inputs) return { failures: validation.failures };
  const inputs = validation.inputs;
  const extra = hidden(news);
  const existing = hasState(olds);
  const entry = {
    resourceName: extra.__resourceName,
    policyName: validation.unknowns.includes("name") ? undefined : inputs.name,
    oldPolicyName: existing && typeof olds.name === "string" ? olds.name : undefined,
    creates: !existing,
  };
  registerPolicy(entry);
  try {
    const ctx = await providerContext();
    const [live, quota] = await Promise.all([ctx.livePolicies(), ctx.backend.policyQuota()]);
    const failures = policyRuleFailures({ entry, inputs, autoNamed: extra.__autoNamed === true, live, quota });
    if (failures.length > 0) return { failures };
  } catch (err) {
    throw userError(err, policyLabel(news), "check the project's policies");
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
};

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const changed = changedProperties(olds, news, DIFF_KEYS);
  return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
}

export async function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  const label = policyLabel(inputs);
  const spec = specFromInputs(inputs);
  const ctx = await providerContext();
  try {
    if (inputs.adopt || inputs.__autoNamed) {
      const existing = await ctx.backend.findByName(spec.name);
      if (existing) {
        const diffs = policyDifferences(existing, spec);
        if (diffs.length > 0) {
          throw new UserFacingError(
            `${label}: policy "${spec.name}" (${existing.id}) already exists and differs from this declaration: ${diffs.join("; ")}; ` +
              "make the declaration match it (or change it in the console) and run again, or choose another `name`",
          );
        }
        return { id: existing.id, outs: outputsFromCreate(inputs.__resourceName, inputs, existing) };
      }
    }
    const record = await ctx.backend.create(spec);
    return { id: record.id, outs: outputsFromCreate(inputs.__resourceName, inputs, record) };
  } catch (err) {
    throw userError(err, label, `create policy "${spec.name}"`);
  } finally {
    ctx.invalidateLivePolicies();
  }
}

export async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const ctx = await providerContext();
  try {
    const record = await ctx.backend.get(id);
    if (!record) return {};
    const outs = outputsFromRecord(record, props as Partial<PolicyOutputs>, new Date());
    return { id, props: outs, inputs: { ...declaredPart(outs), ...hidden(props), pattern: outs.pattern } };
  } catch (err) {
    throw userError(err, policyLabel(props), `read policy ${id}`);
  }
}

export async function update(id: string, _olds: Props, news: CheckedInputs): Promise<pulumi.dynamic.UpdateResult> {
  const spec = specFromInputs(news);
  const ctx = await providerContext();
  try {
    const record = await ctx.backend.update(id, spec);
    return { outs: outputsFromCreate(news.__resourceName, news, record) };
  } catch (err) {
    throw userError(err, policyLabel(news), `update policy "${spec.name}" (${id})`);
  } finally {
    ctx.invalidateLivePolicies();
  }
}

async function deletePolicy(id: string, props: Props): Promise<void> {
  const ctx = await providerContext();
  try {
    await ctx.backend.delete(id);
  } catch (err) {
    throw userError(err, policyLabel(props), `delete policy ${id}`);
  } finally {
    ctx.invalidateLivePolicies();
  }
}

export { deletePolicy as delete };
