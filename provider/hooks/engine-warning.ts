/**
 * Warnings from the provider process to the user's terminal. The engine starts the dynamic provider as
 * `node …/cmd/dynamic-provider/index.js <engine address>` but @pulumi/pulumi never connects its log API to that
 * address there, so `pulumi.log.warn` in a hook only reaches the provider's stderr, which the engine hides. We
 * call the engine's Log RPC ourselves; stderr is the fallback (e.g. when hooks run in-process in tests).
 */
import * as path from "node:path";
import { providerRuntime } from "../runtime/provider-runtime";

interface GrpcModule {
  credentials: { createInsecure(): unknown };
}
interface LogRequestMessage {
  setSeverity(v: number): void;
  setMessage(v: string): void;
  setUrn(v: string): void;
  setStreamid(v: number): void;
  setEphemeral(v: boolean): void;
}
interface EngineProto {
  LogRequest: new () => LogRequestMessage;
  LogSeverity: { WARNING: number };
}
interface EngineClient {
  log(req: LogRequestMessage, done: (err: Error | null) => void): void;
  close(): void;
}
interface EngineGrpc {
  EngineClient: new (address: string, credentials: unknown) => EngineClient;
}

/** Shows `message` once per provider process as a Pulumi warning. Never throws. */
export async function warnUser(message: string): Promise<void> {
  const sent = providerRuntime().warningsShown;
  if (sent.has(message)) return;
  sent.add(message);
  try {
    const address = engineAddress();
    if (!address) throw new Error("not running as the engine's dynamic provider");
    await sendWarning(address, message);
  } catch {
    process.stderr.write(`warning: ${message}\n`);
  }
}

/** The engine address the dynamic-provider process was started with, if this is that process. */
function engineAddress(): string | undefined {
  const script = process.argv[1] ?? "";
  const arg = process.argv[2] ?? "";
  return script.includes("dynamic-provider") && /^[\w.\-[\]:]+:\d+$/.test(arg) ? arg : undefined;
}

function sendWarning(address: string, message: string): Promise<void> {
  // grpc-js is @pulumi/pulumi's dependency, resolved from there so we never load a second copy.
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  /* eslint-disable @typescript-eslint/no-require-imports */
  const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as GrpcModule;
  const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb") as EngineGrpc;
  const engproto = require("@pulumi/pulumi/proto/engine_pb") as EngineProto;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
  const req = new engproto.LogRequest();
  req.setSeverity(engproto.LogSeverity.WARNING);
  req.setMessage(message);
  req.setUrn("");
  req.setStreamid(0);
  req.setEphemeral(false);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the engine did not take the warning within 5 s")), 5_000);
    client.log(req, (err) => {
      clearTimeout(timer);
      client.close();
      if (err) reject(err);
      else resolve();
    });
  });
}
