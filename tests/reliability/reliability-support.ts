/**
 * Shared pieces of the reliability tests: a cloud with enough servers for big stacks, the request log as
 * counts, the cloud's policies against the stack's state, and the dynamic-provider process of one stack (found
 * through its PULUMI_HOME, so tests running in parallel never touch each other's processes).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { admin, startTestCloud, type CloudOptions, type TestCloud } from "../support/cloud";
import type { EngineResult, EngineStack } from "../support/engine";
import { CsbsDirect, liveServers, type ProgramSpec } from "../engine/provider/scenario-support";

/** Type tokens of the two resources in state. */
export const POLICY_TYPE = "pulumi-nodejs:dynamic/csbs:BackupPolicy";
export const ASSOCIATION_TYPE = "pulumi-nodejs:dynamic/csbs:PolicyAssociation";

/** One entry of `GET /_localcloud/requests`. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  service: string;
  project?: string;
  time: string;
  faulted?: string;
}

/** The default fixtures plus `extra` ACTIVE servers `app-000`… in demo (the defaults have 102 protectable). */
export async function startBigCloud(extra: number, options: Partial<NonNullable<CloudOptions>> = {}): Promise<TestCloud> {
  const fixtures = defaultFixtures();
  const demo = fixtures.projects.find((p) => p.name === "demo")!;
  for (let i = 0; i < extra; i++) demo.servers!.push({ name: `app-${String(i).padStart(3, "0")}`, status: "ACTIVE", volumes: [{ sizeGb: 40, bootable: true }] });
  return startTestCloud({ fixtures, ...options });
}

/** Demo server ids by name prefix, in name order. */
export function demoServers(cloud: TestCloud, prefix: string, count: number): string[] {
  const demo = cloud.fixtures.projects.find((p) => p.name === "demo")!;
  const found = demo.servers.filter((s) => s.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name)).map((s) => s.id);
  if (found.length < count) throw new Error(`only ${found.length} demo servers named ${prefix}*: start the cloud with more`);
  return found.slice(0, count);
}

/** Everything the cloud received since the log was last cleared, oldest first. */
export async function requestLog(cloud: TestCloud): Promise<LoggedRequest[]> {
  return (await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests")).requests;
}

/** Requests matching method and path pattern (and optionally a status test). */
export function matching(log: readonly LoggedRequest[], method: string, path: RegExp, status?: (s: number) => boolean): LoggedRequest[] {
  return log.filter((r) => r.method === method && path.test(r.path) && (!status || status(r.status)));
}

/** A success status. */
export const ok2xx = (s: number): boolean => s >= 200 && s < 300;

/** CSBS paths of the policy collection and of one policy. */
export const POLICIES = /^\/csbs\/v1\/[^/]+\/policies$/;
export const ONE_POLICY = /^\/csbs\/v1\/[^/]+\/policies\/[^/]+$/;
export const TOKENS = /^\/identity\/v3\/auth\/tokens$/;

/** `n` policies, each with one association of `perAssociation` servers taken in order from `servers`. */
export function fleetSpec(prefix: string, n: number, perAssociation: number, servers: string[], autoNamed = false): ProgramSpec {
  return {
    policies: Array.from({ length: n }, (_, i) => ({
      resource: `${prefix}-${i}`,
      args: {
        ...(autoNamed ? {} : { name: `${prefix}-policy-${i}` }),
        schedule: { times: [`${String(i % 24).padStart(2, "0")}:00`], weekdays: ["MO", "TH"] },
        retention: { maxBackups: 7 },
      },
      associations: perAssociation > 0 ? [{ resource: `${prefix}-servers-${i}`, serverIds: servers.slice(i * perAssociation, (i + 1) * perAssociation) }] : [],
    })),
  };
}

/**
 * The invariant after a deployment of `spec` (whatever happened during it): the cloud holds exactly the
 * declared policies (one per name, no other), each with exactly its declared servers, and the stack's state
 * records the same ids and servers.
 */
export async function assertCloudMatchesDeclaration(stack: EngineStack, api: CsbsDirect, spec: ProgramSpec): Promise<void> {
  const live = await api.policies();
  const names = live.map((p) => p.name);
  assert.equal(new Set(names).size, names.length, `policy names are unique in the cloud: ${names.join(", ")}`);
  assert.equal(live.length, spec.policies.length, `the cloud holds ${live.length} policies for ${spec.policies.length} declared: ${names.join(", ")}`);

  const state = await stack.exportState();
  const resources = state.deployment.resources ?? [];
  const pending = (state.deployment as { pending_operations?: unknown[] }).pending_operations ?? [];
  assert.deepEqual(pending, [], "no pending operations are left in state");
  const statePolicies = resources.filter((r) => r.type === POLICY_TYPE);
  assert.equal(statePolicies.length, spec.policies.length, "state holds every declared policy once");
  assert.deepEqual(statePolicies.map((r) => r.id).sort(), live.map((p) => p.id).sort(), "state and cloud hold the same policy ids");

  for (const decl of spec.policies) {
    const inState = statePolicies.find((r) => r.urn.endsWith(`::${decl.resource}`));
    assert.ok(inState, `policy ${decl.resource} is in state`);
    const policy = live.find((p) => p.id === inState.id)!;
    const declared = (decl.associations ?? []).flatMap((a) => a.serverIds ?? []).sort();
    assert.deepEqual(liveServers(policy), declared, `policy ${decl.resource} (${policy.name}) protects exactly its declared servers`);
    for (const a of decl.associations ?? []) {
      const assoc = resources.find((r) => r.type === ASSOCIATION_TYPE && r.urn.endsWith(`::${a.resource}`));
      assert.ok(assoc, `association ${a.resource} is in state`);
      assert.equal(assoc.outputs?.policyId, policy.id, `association ${a.resource} points at its policy`);
      assert.deepEqual([...((assoc.outputs?.serverIds as string[]) ?? [])].sort(), [...(a.serverIds ?? [])].sort());
    }
  }
}

/**
 * One `up` while the cloud loses a policy PUT's answer, answers a policy GET with 503 and resets a PUT (once each,
 * `seed` for the fault plan), then a second `up` if the first failed: a write whose outcome stays unknown may
 * fail an up, and the next one must converge. Returns the last up's result; the faults are gone afterwards.
 */
export async function upThroughMembershipFaults(cloud: TestCloud, stack: EngineStack, seed: number): Promise<EngineResult> {
  await admin(cloud, "POST", "/faults", {
    seed,
    rules: [
      { method: "PUT", path: "^/csbs/v1/[^/]+/policies/[^/]+$", dropResponse: true, count: 1 },
      { method: "GET", path: "^/csbs/v1/[^/]+/policies/[^/]+$", status: 503, count: 1 },
      { method: "PUT", path: "^/csbs/v1/[^/]+/policies/[^/]+$", reset: true, count: 1 },
    ],
  });
  let up: EngineResult;
  try {
    up = await stack.up();
  } finally {
    await admin(cloud, "DELETE", "/faults");
  }
  return up.code === 0 ? up : stack.up();
}

/**
 * Pids of this stack's dynamic-provider processes (`node …/cmd/dynamic-provider`), recognised by the
 * PULUMI_HOME the engine passed down to them.
 */
export function providerPids(stack: EngineStack): number[] {
  return processesOf(stack, (argv) => argv.some((a) => a.includes("dynamic-provider")));
}

/** Pids of this stack's `pulumi <command>` CLI processes (the engine itself), recognised by PULUMI_HOME. */
export function enginePids(stack: EngineStack, command: string): number[] {
  return processesOf(stack, (argv) => argv[0]!.endsWith("/pulumi") && argv.includes(command));
}

/** Pids of every process of this stack (engine, language host, program, provider), recognised by PULUMI_HOME. */
export function stackPids(stack: EngineStack): number[] {
  return processesOf(stack, () => true);
}

function processesOf(stack: EngineStack, match: (argv: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!match(argv)) continue;
      const environ = fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (environ.includes(`PULUMI_HOME=${stack.home}`)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Polls until `probe` returns true (or fails after `timeoutMs` with `what`). */
export async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 120_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
