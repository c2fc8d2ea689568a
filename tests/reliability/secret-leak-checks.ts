/**
 * The leak checks of the secrets specs: a stack whose credentials come from one method goes through a failed up
 * (the API error echoing the credential), an up, a refresh logging verbosely and a destroy; then no secret may
 * appear in the engine's output or log, the local cloud's request log, `stack export`, or any file of the state
 * (current, history, backups) or the program — searched for literally and in base64, base64url, URL and hex.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { admin, REGION_ONE, regionAdmin, seedServers, type TestCloud } from "../support/cloud";
import { EngineStack, type EngineResult } from "../support/engine";
import { programFiles, webServers, type ProgramSpec } from "../engine/provider/scenario-support";

/** Every text form a secret could take: as is, base64 at each byte alignment, base64url, URL-encoded, hex. */
export function encodings(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("hex")]);
  for (let pad = 0; pad < 3; pad++) {
    // Inside a larger base64 blob the secret's encoding depends on its offset; drop the edge characters that
    // mix with neighbouring bytes.
    const b64 = Buffer.concat([Buffer.alloc(pad, 0x20), Buffer.from(secret)]).toString("base64");
    const core = b64.slice(pad === 0 ? 0 : Math.ceil((pad * 4) / 3) + 1, -4);
    out.add(core);
    out.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...out].filter((v) => v.length >= 8);
}

/** Which secret-derived strings occur in `text` (empty when none). */
export function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => encodings(s).filter((e) => text.includes(e)).map((e) => (e === s ? `"${s.slice(0, 4)}…" literally` : `"${s.slice(0, 4)}…" encoded as ${e.slice(0, 12)}…`)));
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export interface Method {
  name: string;
  /** Plain and secret stack config for this method (keys are `--path` keys), and the engine's extra environment. */
  config(cloud: TestCloud): Promise<{ plain: Record<string, string>; secret: Record<string, string>; secrets: string[]; env?: Record<string, string> }>;
  /** The profile every resource names (its settings are the method's): absent, the stack-wide settings apply. */
  profile?: { name: string; region: string };
}

/** Runs the checks for `method` (its stack is pushed to `stacks`, for the caller to dispose). */
export async function assertNoLeaks(cloud: TestCloud, method: Method, stacks: EngineStack[]): Promise<void> {
  const { plain, secret, secrets, env } = await method.config(cloud);
  const slug = method.name.replace(/[ .]/g, "-");
  const region = method.profile?.region ?? REGION_ONE;
  const servers = region === REGION_ONE ? webServers(cloud, 2) : (await seedServers(cloud, region, ["r2-web-000", "r2-web-001"])).map((s) => s.id);
  const spec: ProgramSpec = {
    policies: [
      {
        resource: "guarded",
        args: { name: `guarded-${slug}`, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 }, ...(method.profile ? { profile: method.profile.name } : {}) },
        associations: [{ resource: "guarded-servers", serverIds: servers }],
      },
    ],
  };
  const stack = await EngineStack.create({ project: `secrets-${slug}`, files: programFiles(spec), env });
  stacks.push(stack);
  for (const [k, v] of Object.entries(plain)) await stack.cli(["config", "set", "--path", "--plaintext", k, v], { check: true });
  for (const [k, v] of Object.entries(secret)) await stack.cli(["config", "set", "--path", "--secret", k, v], { check: true });

  const runs: Array<[string, EngineResult]> = [];
  // A service that echoes the credential back in its error (some Keystone and gateway errors quote the request).
  const echoed = secrets.map((s) => `${s} ${Buffer.from(s).toString("base64")}`).join(" ");
  await admin(cloud, "DELETE", "/requests");
  await regionAdmin(cloud, region, "POST", "/faults", {
    rules: [{ method: "POST", path: "/csbs/v1/[^/]+/policies$", status: 400, count: 1, body: { error_code: "CSBS.9999", error_msg: `request rejected, it carried ${echoed}` } }],
  });
  runs.push(["failed up", await stack.up()]);
  await regionAdmin(cloud, region, "DELETE", "/faults");
  assert.notEqual(runs[0]![1].code, 0, "the echoing error fails the up");
  assert.match(runs[0]![1].output, /CSBS\.9999/, "the user still sees the service's error code");
  runs.push(["up", await stack.up()]);
  // The engine's log with every provider call and the provider processes' own output in it. Not -v=9: at 9 the
  // engine itself writes every property it marshals, the decrypted stack config sent to Configure included,
  // whatever the provider does (the engine's documented risk of its highest levels).
  const refresh = await stack.refresh(["--logtostderr", "--logflow", "-v=8"]);
  assert.match(refresh.stderr, /guarded-servers/, "the verbose log of the refresh is in its output");
  runs.push(["refresh (verbose log)", refresh]);
  // Not --show-secrets: the engine keeps the stack config (secrets encrypted) as the inputs of the default
  // pulumi-nodejs provider, and --show-secrets would decrypt that on purpose.
  const exported = await stack.cli(["stack", "export"], { check: true });
  runs.push(["destroy", await stack.destroy()]);
  for (const [name, r] of runs.slice(1)) assert.equal(r.code, 0, `${name}:\n${r.output.slice(-2000)}`);

  for (const [name, r] of runs) assert.deepEqual(leaks(r.output, secrets), [], `the engine's output of ${name}`);
  const requests = JSON.stringify(await admin(cloud, "GET", "/requests"));
  assert.match(requests, /\/policies/, "the cloud's request log holds the deployment's calls");
  assert.deepEqual(leaks(requests, secrets), [], "the local cloud's request log");
  assert.deepEqual(leaks(exported.output, secrets), [], "stack export (taken before destroy)");
  assert.ok(stack.stateFileText().length > 0, "the state file exists");
  const files = [...filesUnder(stack.stateDir), ...filesUnder(stack.dir).filter((f) => !f.includes("node_modules"))];
  assert.ok(files.some((f) => f.includes(`${path.sep}history${path.sep}`) || f.includes(".bak")), "history or backup files were searched too");
  for (const f of files) assert.deepEqual(leaks(fs.readFileSync(f, "latin1"), secrets), [], f);
}
