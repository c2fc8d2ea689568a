import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { check } from "../../provider/hooks/server-backup-hooks";
import { ServerBackup } from "../../sdk/server-backup";

/** The inputs the SDK registers for each resource, as the engine would receive them. */
const registered = new Map<string, Record<string, unknown>>();
const SERVER = "00000000-0000-4000-8000-000000000001";

async function register(name: string, args: ConstructorParameters<typeof ServerBackup>[1], opts?: pulumi.CustomResourceOptions): Promise<Record<string, unknown>> {
  const backup = new ServerBackup(name, args, opts);
  await new Promise<void>((resolve) => backup.urn.apply(() => resolve()));
  return registered.get(name) ?? {};
}

describe("the ServerBackup resource's registered inputs", () => {
  before(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.set(args.name, args.inputs as Record<string, unknown>);
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      true,
    );
  });

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
