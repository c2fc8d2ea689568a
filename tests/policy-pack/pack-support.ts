/**
 * Runs previews with the policy pack exactly as a user installs it: the pack folder inside the packed pulumi-csbs
 * under the programs' node_modules (`node_modules/pulumi-csbs/policy-pack`), and an optional
 * `--policy-pack-config` JSON file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../../policy-pack/src/rule-names";
import { EngineStack, programBase, type EngineResult } from "../support/engine";

/** Matches any of the pack's rule names in engine output. */
export const ANY_RULE = new RegExp(Object.values(RULES).join("|"));

/** The installed pack's directory, as the README tells users to pass it. */
export async function installedPackDir(): Promise<string> {
  return path.join(await programBase(), "node_modules", "pulumi-csbs", "policy-pack");
}

/** `pulumi preview --diff --policy-pack <installed pack> [--policy-pack-config <file>]`. */
export async function previewWithPack(stack: EngineStack, config?: Record<string, unknown>, extra: string[] = []): Promise<EngineResult> {
  const args = ["--policy-pack", await installedPackDir()];
  if (config !== undefined) {
    const file = path.join(stack.dir, "policy-config.json");
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    args.push("--policy-pack-config", file);
  }
  return stack.preview([...args, ...extra]);
}

/** How many violations of `rule` the engine printed (one `[level]  rule  (...)` header each). */
export function violationsOf(output: string, rule: string): Array<{ level: string; subject: string }> {
  const found: Array<{ level: string; subject: string }> = [];
  const header = new RegExp(`\\[(advisory|mandatory)\\]\\s+${rule}\\s+\\(([^)]*)\\)`, "g");
  for (const m of output.matchAll(header)) found.push({ level: m[1] ?? "", subject: m[2] ?? "" });
  return found;
}

/** Every rule level of all rules, e.g. `levels("advisory", RULES)`. */
export function levels(level: "advisory" | "mandatory" | "disabled", rules: readonly string[]): Record<string, { enforcementLevel: string }> {
  return Object.fromEntries(rules.map((r) => [r, { enforcementLevel: level }]));
}
