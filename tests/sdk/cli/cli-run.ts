/** Runs the built `pulumi-csbs` command (dist/sdk/cli/main.js) as a child process, stdin not a terminal. */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { LocalCloud } from "../../../localcloud";
import { demoStackConfig } from "../../support/cloud";

export const PULUMI_CSBS = path.resolve(__dirname, "../../../sdk/cli/main.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The OS_* variables of the demo user, and nothing of the test process's own OS_* settings. */
export function demoEnv(cloud: LocalCloud): NodeJS.ProcessEnv {
  const { config, secrets } = demoStackConfig(cloud);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OS_")));
  return {
    ...env,
    OS_AUTH_URL: config["csbs:authUrl"], OS_USERNAME: config["csbs:userName"], OS_PASSWORD: secrets["csbs:password"],
    OS_USER_DOMAIN_NAME: "Default", OS_PROJECT_NAME: config["csbs:projectName"], OS_PROJECT_DOMAIN_NAME: "Default", OS_REGION_NAME: "RegionOne",
  };
}

/** Starts the command; the promise resolves when it exits. */
export function pulumiCsbs(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<CliResult> {
  const child = spawn(process.execPath, [PULUMI_CSBS, ...args], { env, cwd, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr })));
}
