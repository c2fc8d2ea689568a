/** The machine and versions a bench ran on, for RESULTS.md. */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  pulumi: string;
  commit: string;
  /** 1-minute load average when the bench started (other work on the machine skews wall times). */
  loadAverage: number;
  date: string;
}

function quiet(cmd: string, args: string[], cwd?: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown";
  }
}

export function machineInfo(engineBin: string, repoRoot: string): MachineInfo {
  const cpus = os.cpus();
  const commit = quiet("git", ["rev-parse", "--short=12", "HEAD"], repoRoot);
  const dirty = quiet("git", ["status", "--porcelain", "--untracked-files=no"], repoRoot);
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumi: quiet(path.join(engineBin, "pulumi"), ["version"]),
    commit: commit === "unknown" ? commit : `${commit}${dirty && dirty !== "unknown" ? " (with uncommitted changes)" : ""}`,
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
  };
}
