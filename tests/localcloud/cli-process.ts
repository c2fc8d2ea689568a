/** Runs `csbs-localcloud` (dist/localcloud/cli.js) as a child process and waits for its "auth URL:" line. */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

export const CLI = path.resolve(__dirname, "../../localcloud/cli.js");

export interface CliCloud {
  child: ChildProcess;
  url: string;
  authUrl: string;
  adminUrl: string;
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliCloud> {
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const auth = /auth URL: (\S+)/.exec(out);
      const base = /local cloud: (\S+)/.exec(out);
      const admin = /admin API: (\S+)/.exec(out);
      if (auth && base && admin) {
        resolve({ child, url: base[1]!, authUrl: auth[1]!, adminUrl: admin[1]!, output: () => out, exited });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    void exited.then((code) => reject(new Error(`csbs-localcloud exited (${code}) before it was ready:\n${out}`)));
  });
}

/** Runs the CLI to completion (for --help and bad options). */
export function runCli(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code: code ?? signal ?? -1, stdout, stderr })));
}
