import * as assert from "node:assert/strict";
import type { PolicyRecord } from "../../../provider/backends/policy-backend";
import type { ProviderContext } from "../../../provider/hooks/context";
import { warnOfForeignServers } from "../../../provider/hooks/foreign-servers";
import { capturedStderrPerTest } from "./captured-stderr";
import { livePolicy } from "./rule-support";

/** Just what the warning reads: the policy once, and server names (`db-0` has none in Nova, `gone` fails). */
function context(record: PolicyRecord | undefined | Error): ProviderContext {
  const names: Record<string, string> = { s1: "web-1", s2: "web-2" };
  return {
    backend: { readOnce: async () => (record instanceof Error ? Promise.reject(record) : record) },
    servers: { nameOf: async (id: string) => (id === "gone" ? Promise.reject(new Error("nova down")) : (names[id] ?? id)) },
  } as unknown as ProviderContext;
}

describe("deleting a policy that still holds servers", () => {
  const warned = capturedStderrPerTest();

  it("warns by name of every server left in it, sorted, ids where no name is known", async () => {
    await warnOfForeignServers(context(livePolicy("p1", "daily", ["s2", "gone", "s1"])), "p1", 'BackupPolicy "daily"');
    assert.equal(warned.length, 1);
    assert.match(warned[0], /^warning: BackupPolicy "daily": deleting policy "daily" \(p1\), which still holds 3 servers that no association of this stack added: gone, web-1 \(s1\), web-2 \(s2\);/);
  });

  it("says nothing for an empty policy, a policy already gone, or a cloud that does not answer", async () => {
    await warnOfForeignServers(context(livePolicy("p1", "daily", [])), "p1", "l");
    await warnOfForeignServers(context(undefined), "p1", "l");
    await warnOfForeignServers(context(new Error("unreachable")), "p1", "l");
    assert.deepEqual(warned, []);
  });
});
