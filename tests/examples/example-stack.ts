/**
 * Runs an example of examples/ through the real engine against a local cloud, the way a user would:
 * the example's own index.ts and tsconfig.json in a program directory whose node_modules has the packed
 * pulumi-csbs, its project name from its Pulumi.yaml, and the server list set with `pulumi config set-all --path`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { demoStackConfig, type TestCloud } from "../support/cloud";
import { EngineStack, REPO_ROOT } from "../support/engine";

export const EXAMPLES_DIR = path.join(REPO_ROOT, "examples");

/** The project name in the example's Pulumi.yaml (it is also the namespace of its own config keys). */
export function exampleProject(example: string): string {
  const doc = parse(fs.readFileSync(path.join(EXAMPLES_DIR, example, "Pulumi.yaml"), "utf8")) as { name: string };
  return doc.name;
}

/** The files of the example that make up its program. */
export function exampleProgram(example: string): Record<string, string> {
  const dir = path.join(EXAMPLES_DIR, example);
  return {
    "index.ts": fs.readFileSync(path.join(dir, "index.ts"), "utf8"),
    "tsconfig.json": fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8"),
  };
}

export interface ExampleStackOptions {
  /** Pass credentials as OS_* variables (as CI does) instead of `csbs:*` stack config. */
  credentialsFromEnv?: boolean;
  /** The local cloud user the provider logs in as. @default "demo" */
  user?: string;
}

/** The OS_* variables equivalent to `demoStackConfig` (what a CI job gets from its secrets). */
export function osEnv(cloud: TestCloud, user = "demo"): Record<string, string> {
  const { config, secrets } = demoStackConfig(cloud, user);
  return {
    OS_AUTH_URL: config["csbs:authUrl"],
    OS_USERNAME: config["csbs:userName"],
    OS_PASSWORD: secrets["csbs:password"],
    OS_USER_DOMAIN_NAME: config["csbs:userDomainName"],
    OS_PROJECT_NAME: config["csbs:projectName"],
    OS_PROJECT_DOMAIN_NAME: config["csbs:projectDomainName"],
    OS_REGION_NAME: config["csbs:region"],
  };
}

/** Creates the stack of `example` pointed at the cloud, with `serverIds` as the example's server list. */
export async function exampleStack(
  example: string,
  cloud: TestCloud,
  servers: readonly string[],
  opts: ExampleStackOptions = {},
): Promise<EngineStack> {
  const { config, secrets } = demoStackConfig(cloud, opts.user);
  const stack = await EngineStack.create({
    project: exampleProject(example),
    files: exampleProgram(example),
    ...(opts.credentialsFromEnv ? { env: osEnv(cloud, opts.user) } : {}),
  });
  if (!opts.credentialsFromEnv) await setConfig(stack, config, secrets);
  await setServerIds(stack, servers);
  return stack;
}

/** `pulumi config set-all --plaintext k=v ... --secret k=v ...`: every key in one CLI call instead of one per key. */
export async function setConfig(stack: EngineStack, config: Record<string, string>, secrets: Record<string, string> = {}): Promise<void> {
  const pairs = [
    ...Object.entries(config).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
    ...Object.entries(secrets).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
  ];
  if (pairs.length > 0) await stack.cli(["config", "set-all", ...pairs], { check: true });
}

/** `pulumi config set-all --path --plaintext serverIds[0]=... ...`: one CLI call for any number of servers. */
export async function setServerIds(stack: EngineStack, servers: readonly string[]): Promise<void> {
  const pairs = servers.flatMap((id, i) => ["--plaintext", `serverIds[${i}]=${id}`]);
  // An example that selects its servers by tag takes no list.
  if (pairs.length === 0) return;
  await stack.cli(["config", "set-all", "--path", ...pairs], { check: true });
}
