import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../support/engine";

/**
 * Every source file with logic has a spec of the same name under tests/ (`provider/hooks/diff.ts` →
 * `tests/provider/hooks/diff.spec.ts`), or a note in its spec folder (`tests/provider/hooks/*.md`, e.g.
 * COVERAGE.md) names the file and the spec that covers it, in one paragraph or list item:
 *
 *     - `policy-state.ts` → `policy-recovery.spec.ts` (outputs rebuilt from a live policy on refresh)
 *
 * A note is checked: every spec it names exists (relative to the note's folder), and at least one spec
 * named beside the file reaches it through its imports (or runs its compiled file as a process). A file has no logic, and needs no spec, when it
 * declares no function, method, class or top-level statement: only types, imports, re-exports and
 * constant data (an index.ts that re-exports, a file of interfaces, a table of limits).
 */
const ROOTS = ["provider", "sdk", "localcloud", "digest", "policy-pack"];
const TESTS = path.join(REPO_ROOT, "tests");

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") out.push(...sourcesUnder(p));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** True when the file declares a function, method, class or executable top-level statement. */
function hasLogic(text: string): boolean {
  const source = ts.createSourceFile("f.ts", text, ts.ScriptTarget.ES2022, true);
  const declarationOnly = (s: ts.Statement): boolean =>
    ts.isImportDeclaration(s) ||
    ts.isImportEqualsDeclaration(s) ||
    ts.isExportDeclaration(s) ||
    ts.isInterfaceDeclaration(s) ||
    ts.isTypeAliasDeclaration(s) ||
    ts.isVariableStatement(s) ||
    ts.isEnumDeclaration(s) ||
    ts.isModuleDeclaration(s) ||
    ts.isEmptyStatement(s);
  if (!source.statements.every(declarationOnly)) return true;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionLike(node) && !ts.isFunctionTypeNode(node) && !ts.isConstructorTypeNode(node) && !isTypeMember(node)) found = true;
    else if (ts.isClassLike(node)) found = true;
    else ts.forEachChild(node, visit);
  };
  // Signatures inside types (interfaces, type literals) are not logic.
  const isTypeMember = (node: ts.Node): boolean =>
    ts.isMethodSignature(node) || ts.isCallSignatureDeclaration(node) || ts.isConstructSignatureDeclaration(node) || ts.isIndexSignatureDeclaration(node);
  for (const s of source.statements) if (ts.isVariableStatement(s)) visit(s);
  return found;
}

/**
 * What a test file loads: its relative imports, resolved to files, and the compiled files it runs as a process
 * (`path.resolve(__dirname, "../../localcloud/cli.js")`: relative to the compiled test, in dist/), as sources.
 */
const importCache = new Map<string, string[]>();
function importsOf(file: string): string[] {
  const cached = importCache.get(file);
  if (cached) return cached;
  const text = fs.readFileSync(file, "utf8");
  const info = ts.preProcessFile(text, true, true);
  const imported = info.importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith("."))
    .flatMap((name) => {
      const base = path.resolve(path.dirname(file), name);
      return [`${base}.ts`, path.join(base, "index.ts"), base].filter((c) => c.endsWith(".ts") && fs.existsSync(c)).slice(0, 1);
    });
  const compiledDir = path.join(REPO_ROOT, "dist", path.relative(REPO_ROOT, path.dirname(file)));
  const run = [...text.matchAll(/["'](\.\.?\/[^"'\s]+)\.js["']/g)]
    .map((m) => path.resolve(compiledDir, m[1]))
    .filter((p) => p.startsWith(path.join(REPO_ROOT, "dist") + path.sep))
    .map((p) => `${path.join(REPO_ROOT, path.relative(path.join(REPO_ROOT, "dist"), p))}.ts`)
    .filter((p) => fs.existsSync(p));
  const all = [...imported, ...run];
  importCache.set(file, all);
  return all;
}

const reachCache = new Map<string, Set<string>>();
/** Every file a spec reaches through relative imports. */
function reachableFrom(spec: string): Set<string> {
  const cached = reachCache.get(spec);
  if (cached) return cached;
  const seen = new Set<string>();
  const stack = [spec];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...importsOf(file));
  }
  reachCache.set(spec, seen);
  return seen;
}

interface NoteClaim {
  note: string;
  source: string;
  specs: string[];
}

/** What the notes of one spec folder claim: per paragraph or list item, its `*.ts` sources and `*.spec.ts` specs. */
function claimsIn(specDir: string): NoteClaim[] {
  if (!fs.existsSync(specDir)) return [];
  const claims: NoteClaim[] = [];
  for (const name of fs.readdirSync(specDir).filter((n) => n.endsWith(".md"))) {
    const note = path.join(specDir, name);
    const blocks = fs.readFileSync(note, "utf8").split(/\n\s*\n|\n(?=\s*[-*] )/);
    for (const block of blocks) {
      // A test helper of the folder (e.g. `support/hooks-cloud.ts`) is neither a source nor a spec.
      const named = [...block.matchAll(/`([^`\s]+\.ts)`/g)].map((m) => m[1]).filter((n) => n.endsWith(".spec.ts") || !fs.existsSync(path.join(specDir, n)));
      const specs = named.filter((n) => n.endsWith(".spec.ts")).map((n) => path.resolve(specDir, n));
      for (const source of named.filter((n) => !n.endsWith(".spec.ts"))) claims.push({ note, source, specs });
    }
  }
  return claims;
}

describe("spec coverage", () => {
  const sources = ROOTS.flatMap((r) => sourcesUnder(path.join(REPO_ROOT, r))).sort();
  const rel = (p: string) => path.relative(REPO_ROOT, p);

  it("tells files with logic from type-only, re-export and constant files", () => {
    assert.equal(hasLogic('export interface A { f(): void; g: (x: number) => string }\nexport type B = { new (): A };\nexport * from "./x";'), false);
    assert.equal(hasLogic('import { z } from "zod";\nexport const LIMITS = { a: 1, b: [2, 3] } as const;\nexport { z };'), false);
    assert.equal(hasLogic("export const f = (x: number) => x + 1;"), true);
    assert.equal(hasLogic("export function f(): number { return 1; }"), true);
    assert.equal(hasLogic("export class C {}"), true);
    assert.equal(hasLogic("export const table = { run: function () { return 1; } };"), true);
    assert.equal(hasLogic('process.env.X = "1";'), true);
  });

  it("has a spec of the same name, or a note in the spec folder naming the covering spec, for every source file with logic", () => {
    const uncovered: string[] = [];
    for (const file of sources) {
      if (!hasLogic(fs.readFileSync(file, "utf8"))) continue;
      const r = rel(file);
      if (fs.existsSync(path.join(TESTS, r.replace(/\.ts$/, ".spec.ts")))) continue;
      const specDir = path.join(TESTS, path.dirname(r));
      if (claimsIn(specDir).some((c) => c.source === path.basename(file))) continue;
      uncovered.push(r);
    }
    assert.deepEqual(uncovered, [], "source files with logic and no spec: write tests/<same path>.spec.ts, or name the covering spec in a note (e.g. COVERAGE.md) in the spec folder");
  });

  it("names in its notes only existing sources and specs, and specs that import what they cover", () => {
    const problems: string[] = [];
    const specDirs = new Set(sources.map((s) => path.join(TESTS, path.dirname(rel(s)))));
    for (const specDir of specDirs) {
      for (const { note, source, specs } of claimsIn(specDir)) {
        const where = `${rel(note)}: \`${source}\``;
        const file = path.join(REPO_ROOT, path.relative(TESTS, specDir), source);
        if (!fs.existsSync(file)) {
          problems.push(`${where} does not exist in ${path.relative(TESTS, specDir)}/`);
          continue;
        }
        const missing = specs.filter((s) => !fs.existsSync(s));
        if (missing.length > 0) problems.push(`${where}: no spec ${missing.map(rel).join(", ")}`);
        else if (specs.length === 0) problems.push(`${where} names no spec`);
        else if (!specs.some((s) => reachableFrom(s).has(file))) problems.push(`${where}: none of ${specs.map(rel).join(", ")} imports it, directly or through other files`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
