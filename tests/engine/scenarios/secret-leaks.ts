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

/** The loader the SDK serializes: small, and only a require of this package's hooks. */
export function assertLoaderText(text: string): void {
  assert.ok(text.length < 2600, `the provider text has ${text.length} characters`);
  assert.match(text, /require\("pulumi-csbs\/provider\/(policy|association)-hooks"\)/);
}
