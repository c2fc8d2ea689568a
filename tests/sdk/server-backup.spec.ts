import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../../provider/hooks/server-backup-hooks";
import { ServerBackup } from "../../sdk/server-backup";
import { registeredInputsPerSuite, registeredOf } from "./registered-inputs";

const SERVER = "00000000-0000-4000-8000-000000000001";

describe("the ServerBackup resource's registered inputs", () => {
  const registered = registeredInputsPerSuite();

  async function register(name: string, args: ConstructorParameters<typeof ServerBackup>[1], opts?: pulumi.CustomResourceOptions): Promise<Record<string, unknown>> {
    await registeredOf(new ServerBackup(name, args, opts));
    return registered.get(name) ?? {};
  }

  it("carry the resource name, customTimeouts in ms and a default name from project, stack and resource", async () => {
    const inputs = await register("before-upgrade", { serverId: SERVER }, { customTimeouts: { create: "20m", delete: "90s" } });
    assert.equal(inputs.__resourceName, "before-upgrade");
    assert.deepEqual(inputs.__timeouts, { create: 1_200_000, delete: 90_000 });
    assert.match(String(inputs.name), /^before-upgrade-[0-9a-f]{7}$/);
    assert.equal(inputs.__inputProblemsReported, undefined);
  });

  it("mark inputs the program reported as wrong, so check points at those reports instead of repeating them", async () => {
    const inputs = await register("bad", { serverId: "not-a-uuid", name: "a b" });
    assert.equal(inputs.__inputProblemsReported, true);
    const { failures } = await check({}, inputs);
    assert.equal(failures?.length, 1);
    assert.match(failures?.[0]?.reason ?? "", /the program reported problems of this resource or of its settings above \(the errors starting with ServerBackup "bad" or csbs:\)/);
  });
});
