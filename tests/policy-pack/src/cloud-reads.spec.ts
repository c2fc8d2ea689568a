import * as assert from "node:assert/strict";
import { cloudReadFailure, listCloudServers, liveProtectedServerIds, serverProtection } from "../../../policy-pack/src/cloud-reads";
import { resetSessions } from "../../../provider/clients/session";
import { osEnv } from "../../examples/example-stack";
import { cloudPerSuite } from "../../localcloud/cloud-per-suite";
import { createPolicy, serverId, session } from "../../localcloud/csbs/support/csbs-session";

describe("what the cloud rules of the pack read", function () {
  this.timeout(60_000);
  const ctx = cloudPerSuite();
  const saved = { ...process.env };

  // A pack sees no csbs:* stack config: only OS_* variables, as here.
  beforeEach(() => {
    for (const key of Object.keys(process.env)) if (key.startsWith("OS_") || key.startsWith("CSBS_")) delete process.env[key];
    Object.assign(process.env, osEnv(ctx.cloud));
    resetSessions();
  });
  after(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetSessions();
  });

  it("lists the project's servers with their tags and metadata, and the servers its policies hold", async () => {
    await createPolicy(await session(ctx.cloud), { name: "held", servers: ["web-001"] });
    const servers = await listCloudServers();
    const web1 = servers.find((s) => s.name === "web-001");
    assert.ok(web1 && Array.isArray(web1.tags) && typeof web1.metadata === "object");
    assert.ok(servers.some((s) => s.name === "db-0"));
    assert.deepEqual([...(await liveProtectedServerIds())], [serverId(ctx.cloud, "web-001")]);
    const protection = await serverProtection();
    assert.equal(protection.find((p) => p.serverId === serverId(ctx.cloud, "web-001"))?.policyName, "held");
  });

  it("says how to give the pack credentials when the cloud cannot be read", () => {
    const message = cloudReadFailure("csbs-backup-age", new Error("csbs:authUrl is not set"));
    assert.match(message, /^csbs-backup-age could not read the cloud: csbs:authUrl is not set; a policy pack does not see csbs:\* stack config, so give the preview OS_\* variables/);
  });
});
