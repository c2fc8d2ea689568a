/** A throwaway CA and a server certificate for 127.0.0.1, made with the `openssl` binary in a temp dir. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ThrowawayCa {
  dir: string;
  caCertPath: string;
  caCertPem: string;
  serverKeyPem: string;
  serverCertPem: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: "pipe" });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") throw new Error("the TLS tests need the openssl binary: install it with `apt-get install openssl`");
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString() ?? String(err)}`);
  }
}

/** Creates a CA called `name` and a leaf certificate for 127.0.0.1 and localhost signed by it. */
export function makeThrowawayCa(name = "pulumi-csbs test CA"): ThrowawayCa {
  const dir = mkdtempSync(join(tmpdir(), "csbs-tls-"));
  writeFileSync(join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", `/CN=${name}`], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], dir);
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf"], dir);
  return {
    dir,
    caCertPath: join(dir, "ca.pem"),
    caCertPem: readFileSync(join(dir, "ca.pem"), "utf8"),
    serverKeyPem: readFileSync(join(dir, "server.key"), "utf8"),
    serverCertPem: readFileSync(join(dir, "server.pem"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
