import * as assert from "node:assert/strict";
import { connect, connectionKey } from "../../provider/connection";
import { resolveSettings } from "../../provider/config/resolve-settings";
import { resetProviderRuntime } from "../../provider/runtime/provider-runtime";
import { demoStackConfig, startTestCloud, type TestCloud } from "../support/cloud";

describe("a connection opened from settings, outside the dynamic provider", () => {
  let cloud: TestCloud;
  before(async () => {
    resetProviderRuntime();
    cloud = await startTestCloud();
  });
  after(async () => {
    resetProviderRuntime();
    await cloud.close();
  });

  function sources(user = "demo") {
    const { config, secrets } = demoStackConfig(cloud, user);
    const all: Record<string, string> = { ...config, ...secrets };
    return { config: (key: string) => all[key], env: {} };
  }

  it("lists the project's policies and looks servers up, with no engine and no configure", async () => {
    const connection = connect(sources());
    assert.deepEqual(await connection.backend.list(), []);
    const created = await connection.backend.create({
      name: "from-a-cli",
      description: "",
      enabled: true,
      pattern: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      retention: { maxBackups: 7 },
      tags: {},
    });
    assert.deepEqual((await connection.backend.list()).map((p) => p.id), [created.id]);
    const servers = await connection.session.request<{ servers: { id: string; name: string }[] }>("compute", "GET", "/servers");
    const web = servers.body?.servers.find((s) => s.name === "web-000");
    assert.equal((await connection.servers.facts(web!.id))?.status, "ACTIVE");
    await connection.backend.delete(created.id);
  });

  it("tells connections apart by identity and project, never holding a secret in clear text", () => {
    const demo = connectionKey(resolveSettings(sources()));
    assert.notEqual(demo, connectionKey(resolveSettings(sources("other"))));
    assert.equal(demo, connectionKey(resolveSettings(sources())));
    const { config } = demoStackConfig(cloud);
    const withSecret: Record<string, string> = { ...config, "csbs:password": "s3cret-Value-9f2" };
    assert.ok(!connectionKey(resolveSettings({ config: (key) => withSecret[key], env: {} })).includes("s3cret-Value-9f2"));
  });
});
