/** The stack-config keys @pulumi/openstack documents: the names its config module declares (a devDependency). */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./engine";

export function documentedOpenstackKeys(): Set<string> {
  const vars = path.join(REPO_ROOT, "node_modules", "@pulumi", "openstack", "config", "vars.d.ts");
  if (!fs.existsSync(vars)) throw new Error(`${vars} is missing: run npm ci (@pulumi/openstack is a devDependency)`);
  return new Set([...fs.readFileSync(vars, "utf8").matchAll(/export declare const (\w+)/g)].map((m) => m[1]!));
}
