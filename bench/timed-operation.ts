/**
 * Runs one engine operation (`pulumi up`, `preview`, `refresh`) of a stack and records what it cost: wall
 * time as seen from here, the requests the local cloud logged, and what the provider probe recorded.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineStack } from "../tests/support/engine";
import { PROBE_FILE_ENV, type ProbeRecord } from "./provider-probe";
import { tally, type RequestLogClient, type RequestTally } from "./request-tally";

export type OperationKind = "up" | "preview" | "refresh";

/** The measurements of one engine operation. */
export interface OperationRecord {
  label: string;
  kind: OperationKind;
  wallMs: number;
  requests: RequestTally;
  /** The dynamic-provider process(es) of the operation. */
  provider: { cpuMs: number; hooks: Record<string, { calls: number; wallMs: number }> };
}

const PROBE_PATH = path.join(__dirname, "provider-probe.js");

/** NODE_OPTIONS that preload the probe, keeping any options the caller already had. */
export function probeNodeOptions(): string {
  return `${process.env.NODE_OPTIONS ?? ""} --require "${PROBE_PATH}"`.trim();
}

function args(kind: OperationKind, extra: string[]): string[] {
  switch (kind) {
    case "up":
      return ["up", "--yes", "--skip-preview", ...extra];
    case "preview":
      return ["preview", ...extra];
    case "refresh":
      return ["refresh", "--yes", "--skip-preview", ...extra];
  }
}

function readProbes(dir: string, prefix: string): OperationRecord["provider"] {
  const out: OperationRecord["provider"] = { cpuMs: 0, hooks: {} };
  for (const f of fs.readdirSync(dir)) {
    if (!f.startsWith(`${prefix}.`) || !f.endsWith(".json")) continue;
    const rec = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as ProbeRecord;
    out.cpuMs += rec.cpuMs;
    for (const [name, h] of Object.entries(rec.hooks)) {
      const acc = (out.hooks[name] ??= { calls: 0, wallMs: 0 });
      acc.calls += h.calls;
      acc.wallMs += h.wallMs;
    }
  }
  return out;
}

/** Runs the operation; fails with the engine's output when it does not succeed. */
export async function timedOperation(
  stack: EngineStack,
  kind: OperationKind,
  label: string,
  log: RequestLogClient,
  probeDir: string,
  extra: string[] = [],
): Promise<OperationRecord> {
  const prefix = label.replace(/[^A-Za-z0-9_-]/g, "_");
  await log.clear();
  const started = performance.now();
  const result = await stack.cli(args(kind, extra), {
    env: { NODE_OPTIONS: probeNodeOptions(), [PROBE_FILE_ENV]: path.join(probeDir, prefix) },
  });
  const wallMs = performance.now() - started;
  if (result.code !== 0) throw new Error(`bench step "${label}" (pulumi ${kind}) failed (exit ${result.code}):\n${result.output}`);
  const requests = tally(await log.entries());
  // The probe writes its record every 250 ms and when the engine stops the provider with SIGINT.
  return { label, kind, wallMs, requests, provider: readProbes(probeDir, prefix) };
}
