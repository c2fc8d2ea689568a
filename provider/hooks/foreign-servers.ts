/**
 * Deleting a policy removes every server still in it from backup. When a policy is deleted, this stack's own
 * associations of it are already gone (the engine deletes dependents first), so any server left was added by
 * someone else: another stack's association, or the console. They would learn it only at their next refresh;
 * the user deleting the policy is told now, by name.
 */
import type { ProviderContext } from "./context";
import { warnUser } from "./engine-warning";

/** Warns (never fails) when the policy about to be deleted still holds servers. */
export async function warnOfForeignServers(ctx: ProviderContext, id: string, label: string): Promise<void> {
  let record;
  try {
    record = await ctx.backend.readOnce(id);
  } catch {
    return; // The delete itself reports a cloud that does not answer.
  }
  if (!record || record.serverIds.length === 0) return;
  const named = await Promise.all(
    [...record.serverIds].sort().map(async (s) => {
      const name = await ctx.servers.nameOf(s).catch(() => "");
      return name && name !== s ? `${name} (${s})` : s;
    }),
  );
  await warnUser(
    `${label}: deleting policy "${record.name}" (${id}), which still holds ${named.length === 1 ? "1 server" : `${named.length} servers`} ` +
      `that no association of this stack added: ${named.join(", ")}; they are no longer backed up by it, and the stacks or people that ` +
      "added them will see it only at their next `pulumi refresh`: protect them with another policy",
  );
}
