/**
 * What a new user sees when the cloud says no: each live failure (wrong password, an unreachable cloud, a wrong
 * auth URL, settings gone at refresh or destroy, the policy quota) comes out of the real engine once, without a
 * stack trace, with the advice that fits that case.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { demoStackConfig, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack, REPO_ROOT, type EngineResult } from "../support/engine";
import { CsbsDirect } from "./scenarios/csbs-direct";
import { BASIC_SCHEDULE, configureStack, programFiles, type ProgramSpec } from "./scenarios/program";

const ONE_POLICY: ProgramSpec = { policies: [{ resource: "daily", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } }] };

/**
 * What the engine reports as errors: its closing "Diagnostics:" section, or the whole output of a `preview --diff`,
 * which has no such section (its errors are printed once, after the steps).
 */
function diagnostics(r: EngineResult): string {
  const at = r.output.indexOf("Diagnostics:");
  return at < 0 ? r.output : r.output.slice(at);
}

/** Fails when the engine printed a JavaScript stack trace or the name of our error class. */
function assertNoStackTrace(r: EngineResult): void {
  assert.doesNotMatch(r.output, /\n\s+at .+[(/].+:\d+:\d+\)?/, `a stack trace was printed:\n${r.output}`);
  assert.doesNotMatch(r.output, /UserFacingError|TransportError|ApiError/, `an error class name was printed:\n${r.output}`);
}

/** Fails unless `needle` occurs exactly once in what the engine reports as errors. */
function assertOnce(r: EngineResult, needle: RegExp): void {
  const all = new RegExp(needle.source, "g");
  const inDiagnostics = diagnostics(r).match(all)?.length ?? 0;
  assert.equal(inDiagnostics, 1, `expected ${needle} once in the diagnostics, found ${inDiagnostics}:\n${r.output}`);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("live failures through the engine: one clean message with the advice for the case", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  const stacks: EngineStack[] = [];

  before(async () => {
    cloud = await startTestCloud();
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
  });

  async function stackWith(project: string, config: Record<string, string>, secrets: Record<string, string>, env: Record<string, string> = {}): Promise<EngineStack> {
    const stack = await EngineStack.create({ project, files: programFiles(ONE_POLICY), env });
    stacks.push(stack);
    if (Object.keys(config).length + Object.keys(secrets).length > 0) await configureStack(stack, config, secrets);
    return stack;
  }

  it("reports a refused password once, without a stack trace, pointing at the password and the auth URL", async () => {
    const { config } = demoStackConfig(cloud);
    const stack = await stackWith("wrong-password", config, { "csbs:password": "not-the-password" });
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assertNoStackTrace(preview);
    assertOnce(preview, /credentials were refused/);
    assert.match(diagnostics(preview), /BackupPolicy "daily"[^\n]*HTTP 401[^\n]*check `csbs:password`/);
  });

  it("reports an unreachable cloud once, at once (a refused first connection is not retried 8 times)", async () => {
    const { config, secrets } = demoStackConfig(cloud);
    const stack = await stackWith("unreachable", { ...config, "csbs:authUrl": `http://127.0.0.1:${await closedPort()}/identity/v3` }, secrets);
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assertNoStackTrace(preview);
    assertOnce(preview, /check that the endpoint is reachable/);
    assert.match(diagnostics(preview), /ECONNREFUSED|connection refused/i);
    assert.doesNotMatch(preview.output, /after [3-9] attempts/, preview.output);
  });

  it("says a Keystone 404 means a wrong auth URL (one ending in /v3), not a missing object to refresh", async () => {
    const { config, secrets } = demoStackConfig(cloud);
    const stack = await stackWith("wrong-auth-url", { ...config, "csbs:authUrl": cloud.url }, secrets);
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assertNoStackTrace(preview);
    assertOnce(preview, /HTTP 404/);
    assert.match(diagnostics(preview), /auth URL[^\n]*\/v3/);
    assert.doesNotMatch(preview.output, /pulumi refresh/);
  });

  it("says refresh and destroy use the settings saved at the last up, and --run-program the current ones", async () => {
    const { config, secrets } = demoStackConfig(cloud);
    // Deployed with the settings in the environment only: the stack config saved at that `up` has none of them.
    const env = {
      OS_AUTH_URL: config["csbs:authUrl"], OS_USERNAME: "demo", OS_PASSWORD: secrets["csbs:password"], OS_PROJECT_NAME: "demo",
      OS_USER_DOMAIN_NAME: "Default", OS_PROJECT_DOMAIN_NAME: "Default",
    };
    const stack = await stackWith("settings-gone", {}, {}, env);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    // A new shell without the variables, and one setting given in stack config since.
    stack.setEnv(Object.fromEntries(Object.keys(env).map((k) => [k, ""])));
    await stack.setConfig("csbs:authUrl", config["csbs:authUrl"]);
    for (const [command, run] of [["refresh", () => stack.cli(["refresh", "--yes"])], ["destroy", () => stack.destroy()]] as const) {
      const r = await run();
      assert.notEqual(r.code, 0, `${command}: ${r.output}`);
      assertNoStackTrace(r);
      assertOnce(r, /missing OpenStack settings/);
      assert.match(diagnostics(r), /`pulumi refresh` and `pulumi destroy` use the settings saved at the last `pulumi up`/, command);
      assert.match(diagnostics(r), /--run-program/, command);
      assert.ok(diagnostics(r).split("\n").length < 30, `${command} printed ${diagnostics(r).split("\n").length} lines:\n${r.output}`);
    }
    stack.setEnv(env);
    assert.equal((await stack.destroy()).code, 0);
  });

  it("fails a quota preview without blaming `name` and lists this deployment's policies sorted", async () => {
    const api = await CsbsDirect.login(cloud);
    const outside = [];
    for (let i = 0; i < 31; i++) outside.push(await api.createPolicy(`outside-${i}`));
    try {
      const { config, secrets } = demoStackConfig(cloud);
      const stack = await stackWith("quota-names", config, secrets);
      // The engine stops at the first failing check, so the second policy checked is the one that fails, naming both.
      const names = ["zeta", "alpha"];
      stack.writeProgram(programFiles({ policies: names.map((resource) => ({ resource, args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } } })) }));
      const preview = await stack.preview();
      assert.notEqual(preview.code, 0, preview.output);
      const text = diagnostics(preview);
      assert.match(text, /the limit is 32 per project/);
      assert.doesNotMatch(text, /`name`/, text);
      assert.match(text, /\(`alpha`, `zeta`\)/, text);
    } finally {
      for (const p of outside) await api.deletePolicy(p.id);
    }
  });

  it("fails `pulumi import` with the engine's error that the README's troubleshooting names, which points to adopt", async () => {
    const { config, secrets } = demoStackConfig(cloud);
    const stack = await stackWith("import", config, secrets);
    const api = await CsbsDirect.login(cloud);
    const existing = await api.createPolicy("to-import");
    try {
      const imported = await stack.cli(["import", "pulumi-nodejs:dynamic/csbs:BackupPolicy", "legacy", existing.id, "--yes"]);
      assert.notEqual(imported.code, 0, imported.output);
      const quoted = "Cannot read properties of undefined (reading 'toJavaScript')";
      assert.ok(imported.output.includes(quoted), imported.output);
      const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
      const advice = readme.indexOf(`\`${quoted}\`: dynamic resources cannot be`);
      assert.ok(advice > 0, "the README quotes the engine's error");
      assert.match(readme.slice(advice, advice + 300), /declare the policy with its `name` and `adopt: true` instead/);
    } finally {
      await api.deletePolicy(existing.id);
    }
  });
});
