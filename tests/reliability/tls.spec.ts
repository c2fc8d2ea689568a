/**
 * Issue 6 §8, through the engine: the local cloud serves HTTPS with a CA it generated. The provider verifies
 * certificates by default (an up without the CA fails with the unknown-authority message and its fix), refuses
 * a CA that did not sign the server's certificate, accepts the right CA from `csbs:cacert` and from
 * `OS_CACERT`, and with `csbs:insecure` works and warns. (The client-level cases live in tests/provider/clients.)
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { ensureTlsMaterial } from "../../localcloud/core/tls-certs";
import type { TestCloud } from "../support/cloud";
import { BASIC_SCHEDULE, CsbsDirect, scenarioStack, startTestCloud, webServers, type EngineStack, type ProgramSpec } from "../engine/provider/scenario-support";

const UNKNOWN_CA = /TLS verification failed for https:\/\/127\.0\.0\.1:\d+: the certificate is signed by an unknown authority; set csbs:cacert \(or OS_CACERT\) to the CA bundle/;

describe("TLS between the provider and an HTTPS cloud (issue 6 §8)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;
  let strangerCa: string;
  const spec = (): ProgramSpec => ({
    policies: [{ resource: "tls", args: { name: "over-tls", schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } }, associations: [{ resource: "tls-servers", serverIds: webServers(cloud, 2) }] }],
  });
  const config = (key: string, value?: string) =>
    stack.cli(value === undefined ? ["config", "rm", key] : ["config", "set", "--plaintext", key, value], { check: true });

  before(async () => {
    cloud = await startTestCloud({ tls: true });
    assert.match(cloud.url, /^https:/);
    strangerCa = ensureTlsMaterial().caCertPath;
    api = await withCa(cloud.caCertPem!, () => CsbsDirect.login(cloud));
    stack = await scenarioStack(cloud, "tls", spec());
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("refuses the cloud's certificate by default, naming the unknown authority and the fix", async () => {
    const up = await stack.up();
    assert.notEqual(up.code, 0);
    assert.match(up.output, UNKNOWN_CA, up.output.slice(-2000));
  });

  it("refuses a CA bundle that did not sign the cloud's certificate", async () => {
    await config("csbs:cacert", strangerCa);
    const up = await stack.up();
    assert.notEqual(up.code, 0);
    assert.match(up.output, UNKNOWN_CA, up.output.slice(-2000));
    assert.deepEqual(await withCa(cloud.caCertPem!, () => api.policies()), [], "nothing was created");
  });

  it("deploys with the cloud's CA in csbs:cacert", async () => {
    assert.ok(fs.existsSync(cloud.caCertPath!));
    await config("csbs:cacert", cloud.caCertPath!);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output.slice(-2000));
    const policies = await withCa(cloud.caCertPem!, () => api.policies());
    assert.deepEqual(policies.map((p) => p.name), ["over-tls"]);
  });

  it("refreshes with the CA from OS_CACERT instead", async () => {
    await config("csbs:cacert");
    stack.setEnv({ OS_CACERT: cloud.caCertPath! });
    // --run-program: refresh and destroy otherwise configure the provider from the config saved in state at the
    // last up (which still names csbs:cacert), not from the current config and environment.
    const refresh = await stack.refresh(["--run-program", "--expect-no-changes"]);
    assert.equal(refresh.code, 0, refresh.output.slice(-2000));
    stack.setEnv({ OS_CACERT: "" });
  });

  it("works without verification when csbs:insecure is true, and warns about it", async () => {
    await config("csbs:insecure", "true");
    const destroy = await stack.destroy(["--run-program"]);
    assert.equal(destroy.code, 0, destroy.output.slice(-2000));
    assert.match(destroy.output, /warning: TLS certificate verification is off \(insecure=true from stack config csbs:insecure\)/, destroy.output.slice(-2000));
    assert.deepEqual(await withCa(cloud.caCertPem!, () => api.policies()), []);
  });
});

/** Runs `fn` with fetch trusting `ca` (undici's global dispatcher), for the test's own calls to the cloud. */
async function withCa<T>(ca: string, fn: () => Promise<T>): Promise<T> {
  const undici = await import("undici");
  const previous = undici.getGlobalDispatcher();
  undici.setGlobalDispatcher(new undici.Agent({ connect: { ca } }));
  try {
    return await fn();
  } finally {
    undici.setGlobalDispatcher(previous);
  }
}
