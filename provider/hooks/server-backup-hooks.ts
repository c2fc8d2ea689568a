/**
 * The dynamic-provider hooks of ServerBackup (an on-demand backup of one server). The serialized loader in the
 * SDK calls these by name. check validates the inputs (on Karbor also the plan quota the backup's plan needs);
 * diff replaces on any change of a declared input, new backup first; create takes the backup and waits until it
 * is available (backup-lifecycle.ts); read drops a backup deleted elsewhere; delete sends one DELETE and waits
 * until it is gone. There is no update: every change replaces.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkPolicyQuota } from "../domain/membership";
import { failure, type CheckFailure } from "../domain/failures";
import type { ServerBackupInputs } from "../domain/server-backup-inputs";
import { serverBackupInputs } from "./validators";
import { containsUnknown } from "../domain/unknown";
import { providerRuntime } from "../runtime/provider-runtime";
import { serverBackupPlanName } from "../runtime/deployment-registry";
import { removeBackup, takeBackup } from "./backup-lifecycle";
import { providerContext, type ProviderContext } from "./context";
import { isUnknown } from "../domain/unknown";
import { profileOf } from "./profile-change";
import { undefinedProfileFailure } from "./profile-failures";
import { failuresForEngine } from "./engine-failures";
import { userError } from "./errors";
import { liveCheckFailure } from "./live-check-failure";
import { quietUserFacingErrors } from "./quiet-console";
import { reportedByProgram } from "./reported-failures";
import { hasState } from "./resource-label";
import { declaredOf, hiddenOf, outputsOf, serverBackupLabel, specOf, type ServerBackupHidden } from "./server-backup-state";
import { stableJson, tagsKey, textKey } from "./normalize";
import { stateOperationError } from "./state-operation-error";

export { configure } from "./context";

quietUserFacingErrors();

type Props = Record<string, unknown>;
type CheckedInputs = ServerBackupInputs & ServerBackupHidden;

/** Karbor keeps no tags on a checkpoint (nor on anything the backup could carry them in). */
function karborFailures(inputs: ServerBackupInputs): CheckFailure[] {
  if (Object.keys(inputs.tags).length === 0 || containsUnknown(inputs.tags)) return [];
  return [failure("tags", "serverBackup.tagsKarbor", "are set, but Karbor checkpoints have no tags: remove tags for csbs:api = \"karbor\" (the backup's name is kept)")];
}

/** On Karbor the backup needs a plan while it is made: the project's plan quota must leave room for it. */
async function karborQuotaFailures(ctx: ProviderContext, resourceName: string): Promise<CheckFailure[]> {
  const { deployment } = providerRuntime();
  const place = await ctx.place();
  deployment.registerServerBackup({ resourceName }, place.key);
  const [live, quota] = await Promise.all([ctx.backend.list(), ctx.backend.policyQuota()]);
  const snapshot = deployment.snapshot(place.key);
  const message = checkPolicyQuota({
    livePolicyNames: live.map((p) => p.name),
    newPolicyNames: [...snapshot.policies.map((p) => p.policyName ?? `(not yet known: ${p.resourceName})`), ...(snapshot.serverBackups ?? []).map(serverBackupPlanName)],
    limit: quota,
  });
  if (!message) return [];
  return [failure("", "quota.policiesPerProject", `on Karbor this backup is a checkpoint of a plan of its own, which with this deployment's policies would exceed the project's plan quota: ${message}`)];
}

export async function check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
  const label = serverBackupLabel(news);
  const reported = reportedByProgram(news, () => label);
  const validation = serverBackupInputs().validateServerBackupInputs(news);
  if (reported.length > 0 || !validation.inputs) return { failures: failuresForEngine(reported.length > 0 ? reported : validation.failures) };
  const inputs = validation.inputs;
  const hidden = hiddenOf(news);
  // A profile not known yet decides the project: its rules wait for it.
  if (isUnknown(inputs.profile)) return { inputs: { ...hidden, ...inputs } };
  let ctx: ProviderContext | undefined;
  try {
    ctx = await providerContext(inputs.profile);
    if (ctx.settings.api === "karbor") {
      // A new resource and a replacement both take a new backup, and so a plan for a moment.
      const takesBackup = !hasState(olds) || (await diff("", olds, inputs as unknown as Props)).changes;
      const failures = [...karborFailures(inputs), ...(takesBackup ? await karborQuotaFailures(ctx, hidden.__resourceName) : [])];
      if (failures.length > 0) return { failures: failuresForEngine(failures) };
    }
  } catch (err) {
    const profileFailure = undefinedProfileFailure(err);
    if (profileFailure) return { failures: failuresForEngine([profileFailure]) };
    return liveCheckFailure(err, label, "check the project's plan quota", ctx?.settings);
  }
  return { inputs: { ...hidden, ...inputs } };
}

const DIFF_KEYS: Record<keyof ServerBackupInputs, (value: unknown) => string> = {
  serverId: (v) => textKey(v).toLowerCase(),
  name: textKey,
  description: textKey,
  incremental: (v) => String(v !== false),
  tags: tagsKey,
  triggers: (v) => stableJson(v ?? []),
  profile: (v) => profileOf({ profile: v }).profile ?? "",
};

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
  const declared = (declaredOf(olds) ?? olds) as unknown as Props;
  const replaces = (Object.keys(DIFF_KEYS) as Array<keyof ServerBackupInputs>).filter(
    (key) => containsUnknown(news[key]) || DIFF_KEYS[key](declared[key]) !== DIFF_KEYS[key](news[key]),
  );
  // A backup cannot be changed: a new one is taken, and the old one deleted only once the new one is available.
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
}

export async function create(inputs: CheckedInputs): Promise<pulumi.dynamic.CreateResult> {
  const label = serverBackupLabel(inputs);
  const hidden = hiddenOf(inputs as unknown as Props);
  const declared: ServerBackupInputs = {
    serverId: inputs.serverId, name: inputs.name, description: inputs.description, incremental: inputs.incremental, tags: inputs.tags, triggers: inputs.triggers,
    ...profileOf(inputs),
  };
  const ctx = await providerContext(declared.profile);
  try {
    const record = await takeBackup(ctx.backups, specOf(declared), label, { timeoutMs: hidden.__timeouts?.create });
    return { id: record.id, outs: outputsOf(declared, hidden, record) };
  } catch (err) {
    throw userError(err, label, `back up server ${inputs.serverId}`);
  }
}

export async function read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
  const label = serverBackupLabel(props);
  const ctx = await providerContext(stateProfile(props)).catch((err: unknown) => {
    throw stateOperationError(err, label, `read backup ${id}`);
  });
  try {
    const record = await ctx.backups.getBackup({ backupId: id, checkpointId: typeof props.checkpointId === "string" ? props.checkpointId : id });
    // Deleted in the console (or by the service's own housekeeping): the engine drops it from state.
    if (!record) return {};
    const declared = declaredOf(props);
    if (!declared) return { id, props };
    const hidden = hiddenOf(props);
    return { id, props: outputsOf(declared, hidden, record), inputs: { ...hidden, ...declared } };
  } catch (err) {
    throw userError(err, label, `read backup ${id}`);
  }
}

async function deleteBackup(id: string, props: Props): Promise<void> {
  const label = serverBackupLabel(props);
  const ctx = await providerContext(stateProfile(props)).catch((err: unknown) => {
    throw stateOperationError(err, label, `delete backup ${id}`);
  });
  try {
    const checkpointId = typeof props.checkpointId === "string" ? props.checkpointId : id;
    await removeBackup(ctx.backups, { backupId: id, checkpointId }, label, { timeoutMs: hiddenOf(props).__timeouts?.delete });
  } catch (err) {
    throw userError(err, label, `delete backup ${id}`);
  }
}

/** The profile a state was written for (in the declared inputs it keeps). */
function stateProfile(props: Props): string | undefined {
  return declaredOf(props)?.profile ?? profileOf(props).profile;
}

export { deleteBackup as delete };
