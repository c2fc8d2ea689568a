/**
 * A source-level reading of "code tells failures apart by rule id, never by text": finds lines that hand a
 * failure's or an error's text (`message`, `serviceMessage`, `reason`, `error_msg`, `String(err)`) to a text
 * test (`.test`, `.match`, `.includes`, `.startsWith`, `.endsWith`, `.search`, `.indexOf`). A heuristic over
 * text, so its spec also shows it catches the forms this project once had.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

const TEXT = String.raw`(?:\.(?:message|serviceMessage|reason|error_msg)\b|\b(?:message|serviceMessage|errorMessage|error_msg)\b|String\((?:err|error|e)\))`;
const TESTS = String.raw`\.(?:test|exec|match|includes|startsWith|endsWith|search|indexOf)\(`;
/** `/x/.test(err.message)`, `text.includes(message)`, and `err.message.includes("x")`, `(e.serviceMessage ?? "").match(...)`. */
const AS_ARGUMENT = new RegExp(`${TESTS}[^)]*${TEXT}`);
const AS_RECEIVER = new RegExp(`${TEXT}(?:\\s*\\?\\?\\s*"[^"]*"\\s*\\))?\\s*${TESTS}`);

/** True when a line of code tests an error's or a failure's text. */
export function testsFailureText(line: string): boolean {
  const code = line.replace(/\/\/.*$/, "").trim();
  if (code.startsWith("*") || code.startsWith("/*")) return false;
  return AS_ARGUMENT.test(code) || AS_RECEIVER.test(code);
}

/** `file:line: text` of every such line in the TypeScript sources under `dirs` (node_modules left out). */
export function failureTextTests(dirs: readonly string[]): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (name === "node_modules") return [];
      return statSync(full).isDirectory() ? files(full) : full.endsWith(".ts") ? [full] : [];
    });
  return dirs.flatMap(files).flatMap((file) =>
    readFileSync(file, "utf8").split("\n").flatMap((line, i) => (testsFailureText(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}
