/**
 * The ServerBackup hooks, called in-process as the engine calls them, against a real local cloud in each dialect:
 * check keeps the hidden values, create takes one backup and waits until it is available, read follows the cloud
 * (and forgets a backup deleted there), delete removes it, diff replaces on any change.
 */
import * as assert from "node:assert/strict";
import * as hooks from "../../../provider/hooks/server-backup-hooks";
import { resetProviderRuntime } from "../../../provider/runtime/provider-runtime";
import type { LocalCloud } from "../../../localcloud";
import { demoStackConfig } from "../../support/cloud";
import { serverId, startCloud } from "../../localcloud/csbs/support/csbs-session";
import { startKarborCloud } from "../../localcloud/karbor/support/karbor-session";

type Props = Record<string, unknown>;

interface Dialect {
  name: "csbs" | "karbor";
  start(): Promise<LocalCloud>;
}

const DIALECTS: Dialect[] = [
  { name: "csbs", start: () => startCloud("in-memory") },
  { name: "karbor", start: () => startKarborCloud() },
];

for (const dialect of DIALECTS) {
  describe(`ServerBackup hooks with csbs:api = ${dialect.name}`, function () {
    this.timeout(60_000);
    let cloud: LocalCloud;

    beforeEach(async () => {
      cloud = await dialect.start();
      const { config, secrets } = demoStackConfig(cloud);
      const all: Record<string, string> = { ...config, ...secrets, "csbs:api": dialect.name };
      resetProviderRuntime((key) => all[key]);
    });
    afterEach(async () => {
      resetProviderRuntime();
      await cloud.close();
    });

    const declared = (): Props => ({ __resourceName: "before-upgrade", __timeouts: { create: 60_000, delete: 60_000 }, serverId: serverId(cloud, "web-000"), name: "before-upgrade" });

    it("checks the inputs, keeping the hidden values, then creates, reads and deletes one backup", async () => {
      const checked = await hooks.check({}, declared());
      assert.deepEqual(checked.failures ?? [], []);
      assert.equal(checked.inputs?.__resourceName, "before-upgrade");
      assert.deepEqual(checked.inputs?.__timeouts, { create: 60_000, delete: 60_000 });

      const created = await hooks.create(checked.inputs as Parameters<typeof hooks.create>[0]);
      assert.equal(created.outs.status, "available");
      assert.equal(created.outs.serverId, serverId(cloud, "web-000"));
      assert.equal(created.outs.serverName, "web-000");

      const read = await hooks.read(created.id, created.outs);
      assert.equal(read.id, created.id);
      assert.equal(read.props?.status, "available");
      assert.equal(read.inputs?.name, "before-upgrade");

      await hooks.delete(created.id, created.outs);
      assert.deepEqual(await hooks.read(created.id, created.outs), {}, "a backup that is gone leaves the state");
    });

    it("replaces on any declared change and on triggers, never updates in place", async () => {
      const olds = { ...declared(), __declared: { serverId: serverId(cloud, "web-000"), name: "before-upgrade", description: "", incremental: true, tags: {}, triggers: [] } };
      assert.deepEqual(await hooks.diff("b1", olds, { ...declared(), incremental: true }), { changes: false, replaces: [], deleteBeforeReplace: false });
      const changed = await hooks.diff("b1", olds, { ...declared(), triggers: ["v2"], name: "after" });
      assert.deepEqual(changed, { changes: true, replaces: ["name", "triggers"], deleteBeforeReplace: false });
    });

    it("fails check with the rule of each input problem, before any call", async () => {
      const checked = await hooks.check({}, { __resourceName: "b", serverId: "not-a-uuid", name: "a b" });
      assert.ok((checked.failures ?? []).length >= 2, JSON.stringify(checked.failures));
      assert.ok(checked.failures?.every((f) => f.property === ""));
    });
  });
}
