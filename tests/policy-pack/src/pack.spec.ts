import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { POLICIES } from "../../../policy-pack/src/policies";

/* eslint-disable @typescript-eslint/no-require-imports */
// The engine talks to a policy pack over gRPC; these are @pulumi/pulumi's own generated stubs and its grpc-js.
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as { credentials: { createInsecure(): unknown } };
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as {
  AnalyzerClient: new (address: string, credentials: unknown) => {
    getAnalyzerInfo(req: unknown, done: (err: Error | null, info: AnalyzerInfo) => void): void;
    close(): void;
  };
};
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [pulumiDir] })) as { Empty: new () => unknown };
/* eslint-enable @typescript-eslint/no-require-imports */

interface AnalyzerInfo {
  getName(): string;
  getPoliciesList(): Array<{ getName(): string }>;
}

/** The compiled entry the installed pack's index.js requires (policy-pack/index.js). */
const PACK = path.resolve(__dirname, "../../../policy-pack/src/pack.js");

describe("the policy pack's entry point", () => {
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill());

  it("serves the analyzer the engine asks, named pulumi-csbs, with every rule of POLICIES", async () => {
    const proc = spawn(process.execPath, [PACK], { stdio: ["ignore", "pipe", "inherit"] });
    child = proc;
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      proc.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n") && line) resolve(line.trim());
      });
      proc.once("exit", (code) => reject(new Error(`the pack exited (${code}) before printing its port`)));
    });
    assert.match(port, /^\d+$/);
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const info = await new Promise<AnalyzerInfo>((resolve, reject) => client.getAnalyzerInfo(new Empty(), (err, res) => (err ? reject(err) : resolve(res))));
      assert.equal(info.getName(), "pulumi-csbs");
      assert.deepEqual(info.getPoliciesList().map((p) => p.getName()), POLICIES.map((p) => p.name));
    } finally {
      client.close();
    }
  });
});
