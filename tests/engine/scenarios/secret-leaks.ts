/** Checks that a secret left no trace, and reads the serialized provider texts a stack's state holds. */
import * as assert from "node:assert/strict";
import type { EngineStack } from "../../support/engine";

/** Every spelling of a secret that could leak: literal, base64, and JSON-escaped. */
function spellings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64"), JSON.stringify(secret).slice(1, -1)];
}

export function assertAbsent(text: string, secret: string, where: string): void {
  for (const s of spellings(secret)) assert.ok(!text.includes(s), `${where} contains a secret (${s.length} characters)`);
}

/** The `__provider` text of every resource of this package in state. */
export async function providerTexts(stack: EngineStack): Promise<string[]> {
  const state = await stack.exportState();
  return (state.deployment.resources ?? [])
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/csbs:"))
    .map((r) => String((r.outputs ?? {}).__provider ?? ""));
}

/**
 * The loader the SDK serializes for a program that installed pulumi-csbs: a `require` of the resource type's loader
 * module by its public subpath, and nothing else (no code of ours, no method serialized one by one).
 */
export function assertLoaderText(text: string): void {
  assert.ok(text.length < 400, `the provider text has ${text.length} characters`);
  assert.match(text, /^exports\.handler = __f0;\nconst provider = require\("pulumi-csbs\/provider-loaders\/(policy|association)"\);\n/);
  assert.equal([...text.matchAll(/require\(/g)].length, 1, text);
}
