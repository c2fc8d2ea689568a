/**
 * A private CA and a server certificate for 127.0.0.1/localhost, made with the `openssl` command (no npm
 * library fits, and openssl is on every Debian). Kept in the state dir when there is one, so clients that
 * trusted the CA keep working across restarts.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface TlsMaterial {
  key: string;
  cert: string;
  caCertPem: string;
  caCertPath: string;
  dir: string;
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`tls: generating the local CA with openssl failed (openssl ${args[0]}): ${stderr.trim()}; install openssl (apt-get install openssl) or start without tls`);
  }
}

/** Creates (or reuses) `ca.pem`, `server.pem` and `server-key.pem` in `dir` (a temp dir by default). */
export function ensureTlsMaterial(dir?: string): TlsMaterial {
  const d = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "localcloud-tls-"));
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const files = { ca: path.join(d, "ca.pem"), caKey: path.join(d, "ca-key.pem"), cert: path.join(d, "server.pem"), key: path.join(d, "server-key.pem") };
  if (!fs.existsSync(files.cert) || !fs.existsSync(files.key) || !fs.existsSync(files.ca)) {
    const ext = path.join(d, "server.ext");
    fs.writeFileSync(ext, "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n");
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem", "-days", "3650", "-subj", "/CN=pulumi-csbs localcloud CA"], d);
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-key.pem", "-out", "server.csr", "-subj", "/CN=localhost"], d);
    openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-out", "server.pem", "-days", "825", "-extfile", "server.ext"], d);
  }
  return {
    key: fs.readFileSync(files.key, "utf8"),
    cert: fs.readFileSync(files.cert, "utf8"),
    caCertPem: fs.readFileSync(files.ca, "utf8"),
    caCertPath: files.ca,
    dir: d,
  };
}
