/**
 * The two programs the bench runs through the engine, both driven by one spec.json so a scenario changes a
 * stack by rewriting that file: the pulumi-csbs program (policies and their associations, shaped like the
 * large-fleet example) and the baseline (the same resources, same inputs and dependencies, as trivial dynamic
 * resources whose provider makes no calls). The baseline is the engine's own floor for that many resources.
 */
import type { BenchScale } from "./scale";

export interface AssociationDecl {
  resource: string;
  serverIds: string[];
}

export interface PolicyDecl {
  resource: string;
  args: Record<string, unknown>;
  associations: AssociationDecl[];
}

export interface BenchSpec {
  policies: PolicyDecl[];
}

export const CSBS_PROGRAM = `
const csbs = require("pulumi-csbs");
const spec = require("./spec.json");
for (const p of spec.policies) {
  const policy = new csbs.BackupPolicy(p.resource, p.args);
  for (const a of p.associations) {
    new csbs.PolicyAssociation(a.resource, { policyId: policy.id, serverIds: a.serverIds });
  }
}
`;

// Self-contained methods (no captured helpers), as the real loader is, so serialization costs the same kind of work.
export const BASELINE_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const spec = require("./spec.json");
const provider = {
  async check(olds, news) { return { inputs: news }; },
  async diff(id, olds, news) {
    for (const k of Object.keys(news)) {
      if (k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k])) return { changes: true };
    }
    return { changes: false };
  },
  async create(inputs) { return { id: "baseline-" + inputs.__resourceName, outs: inputs }; },
  async read(id, props) { return { id, props }; },
  async update(id, olds, news) { return { outs: news }; },
  async delete(id, props) {},
};
class Policy extends pulumi.dynamic.Resource {
  constructor(name, args) { super(provider, name, { __resourceName: name, ...args }, undefined, "bench", "Policy"); }
}
class Association extends pulumi.dynamic.Resource {
  constructor(name, args) { super(provider, name, { __resourceName: name, ...args }, undefined, "bench", "Association"); }
}
for (const p of spec.policies) {
  const policy = new Policy(p.resource, p.args);
  for (const a of p.associations) {
    new Association(a.resource, { policyId: policy.id, serverIds: a.serverIds });
  }
}
`;

export function programFiles(program: string, spec: BenchSpec): Record<string, string> {
  return { "index.js": program, "spec.json": JSON.stringify(spec) };
}

/** A policy's run time: one per policy, half an hour apart so parts of the fleet do not back up at once. */
function runTime(i: number): string {
  const minutes = (i * 30) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Splits a list into `parts` chunks of nearly equal size, in order. */
function chunk<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  const base = Math.floor(items.length / parts);
  const larger = items.length % parts;
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const size = base + (i < larger ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

/** How many servers of one association of `size` servers the change scenario replaces: half, at least one. */
function replacedOf(size: number): number {
  return Math.max(1, Math.floor(size / 2));
}

/** How many servers of each policy the change scenario replaces (half of every association's, at least one each). */
export function replacedPerPolicy(scale: Pick<BenchScale, "serversPerPolicy" | "associationsPerPolicy">): number {
  const sizes = chunk(Array.from({ length: scale.serversPerPolicy }, (_, i) => i), scale.associationsPerPolicy).map((c) => c.length);
  return sizes.reduce((sum, n) => sum + replacedOf(n), 0);
}

/**
 * The stack: policy i holds servers [i*n, (i+1)*n) of `fleet`, auto-named (the large-fleet example's shape),
 * split between its associations. With `spare`, the change scenario: the first half of EVERY association's
 * servers is replaced by spare servers, so every association of every policy changes at once.
 */
export function benchSpec(scale: BenchScale, fleet: readonly string[], spare?: readonly string[]): BenchSpec {
  const n = scale.serversPerPolicy;
  const swap = replacedPerPolicy(scale);
  const policies: PolicyDecl[] = [];
  for (let i = 0; i < scale.policies; i++) {
    const servers = fleet.slice(i * n, (i + 1) * n);
    if (servers.length !== n) throw new Error(`the bench fleet has ${fleet.length} servers; ${scale.policies * n} are needed`);
    let fresh: string[] = [];
    if (spare) {
      fresh = spare.slice(i * swap, (i + 1) * swap);
      if (fresh.length !== swap) throw new Error(`the bench has ${spare.length} spare servers; ${scale.policies * swap} are needed`);
    }
    const resource = `fleet-${String(i).padStart(2, "0")}`;
    policies.push({
      resource,
      args: {
        description: `fleet part ${i + 1} of ${scale.policies}`,
        schedule: { times: [runTime(i)], timezone: "UTC" },
        retention: { maxBackups: 14 },
      },
      associations: chunk(servers, scale.associationsPerPolicy).map((own, j) => {
        let serverIds = own;
        if (spare) {
          const k = replacedOf(own.length);
          serverIds = [...fresh.splice(0, k), ...own.slice(k)];
        }
        return { resource: scale.associationsPerPolicy === 1 ? resource : `${resource}-${j}`, serverIds };
      }),
    });
  }
  return { policies };
}

/** The same stack without associations (for counting policy creates on their own). */
export function policiesOnly(spec: BenchSpec): BenchSpec {
  return { policies: spec.policies.map((p) => ({ ...p, associations: [] })) };
}

export function resourceCount(spec: BenchSpec): { policies: number; associations: number } {
  return {
    policies: spec.policies.length,
    associations: spec.policies.reduce((sum, p) => sum + p.associations.length, 0),
  };
}
