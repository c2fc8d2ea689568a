import * as assert from "node:assert/strict";
import { login, startTestCloud, type TestCloud } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import { BASIC_SCHEDULE, programFiles, type ProgramSpec } from "./scenario-support";

const PASSWORD = "Kp9-zX41-unguessable-Qw7";

/** Every spelling of a secret that could leak: literal, base64, and JSON-escaped. */
function spellings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64"), JSON.stringify(secret).slice(1, -1)];
}

function assertAbsent(text: string, secret: string, where: string): void {
  for (const s of spellings(secret)) assert.ok(!text.includes(s), `${where} contains a secret (${s.length} characters)`);
}

/** The `__provider` text of every resource in state. */
async function providerTexts(stack: EngineStack): Promise<string[]> {
  const state = await stack.exportState();
  return (state.deployment.resources ?? [])
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/csbs:"))
    .map((r) => String((r.outputs ?? {}).__provider ?? ""));
}

/**
 * Acceptance 10: no password or token in state or engine output, and a serialized provider that stays the
 * same small text however large the program grows.
 */
describe("state holds no secret and a provider text that does not grow", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let servers: string[];
  const outputs: string[] = [];

  before(async () => {
    cloud = await startTestCloud({
      fixtures: {
        projects: [
          {
            name: "vault",
            users: [{ name: "keeper", password: PASSWORD, roles: ["member"] }],
            servers: Array.from({ length: 12 }, (_, i) => ({ name: `app-${i}` })),
          },
        ],
      },
    });
    servers = cloud.fixtures.projects[0].servers.map((s) => s.id);
    stack = await EngineStack.create({ project: "secrets", files: programFiles(small()) });
    const config: Record<string, string> = {
      "csbs:authUrl": cloud.authUrl,
      "csbs:userName": "keeper",
      "csbs:userDomainName": "Default",
      "csbs:projectName": "vault",
      "csbs:projectDomainName": "Default",
    };
    for (const [k, v] of Object.entries(config)) await stack.cli(["config", "set", "--plaintext", k, v], { check: true });
    await stack.cli(["config", "set", "--secret", "csbs:password", PASSWORD], { check: true });
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  const small = (): ProgramSpec => ({
    policies: [{ resource: "one", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 3 } }, associations: [{ resource: "one-servers", serverIds: [servers[0]] }] }],
  });

  function large(): ProgramSpec {
    const more = Array.from({ length: 3 }, (_, i) => ({
      resource: `p${i}`,
      args: { description: "x".repeat(200), schedule: BASIC_SCHEDULE, retention: { maxBackups: 3 }, tags: { n: String(i) } },
      associations: [{ resource: `p${i}-servers`, serverIds: servers.slice(1 + i * 3, 4 + i * 3) }],
    }));
    return { policies: [...small().policies, ...more] };
  }

  it("keeps the password out of state and engine output with password auth", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    outputs.push(up.output, (await stack.refresh()).output);
    assertAbsent(stack.stateFileText(), PASSWORD, "the state file");
    for (const o of outputs) assertAbsent(o, PASSWORD, "engine output");
  });

  it("serializes the same small provider text for a program four times larger", async () => {
    const before = await providerTexts(stack);
    assert.ok(before.length >= 2);
    stack.writeProgram(programFiles(large()));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    outputs.push(up.output);
    const after = await providerTexts(stack);
    assert.equal(after.length, 8);
    const distinct = new Set([...before, ...after]);
    assert.equal(distinct.size, 2, "one text per resource type");
    for (const text of distinct) {
      assert.ok(text.length < 2600, `the provider text has ${text.length} characters`);
      assert.match(text, /require\("pulumi-csbs\/dist\/provider\/hooks\/(policy|association)-hooks\.js"\)/);
    }
  });

  it("keeps a token out of state and engine output with token auth, through refresh and destroy", async () => {
    const { token } = await login(cloud, "keeper", PASSWORD, "vault");
    await stack.cli(["config", "rm", "csbs:password"], { check: true });
    await stack.cli(["config", "set", "--secret", "csbs:token", token], { check: true });
    const refresh = await stack.refresh();
    assert.equal(refresh.code, 0, refresh.output);
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    outputs.push(refresh.output, destroy.output);
    const state = stack.stateFileText();
    assertAbsent(state, token, "the state file");
    assertAbsent(state, PASSWORD, "the state file");
    for (const o of outputs) {
      assertAbsent(o, token, "engine output");
      assertAbsent(o, PASSWORD, "engine output");
    }
  });
});
