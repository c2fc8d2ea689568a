import * as assert from "node:assert/strict";
import { showProgress } from "../../../sdk/cli/progress";
import { terminal, type Terminal } from "../../../sdk/cli/terminal";

/** A terminal that is not one: progress comes out as plain lines, recorded here. */
function plainTerminal(): { term: Terminal; lines: string[] } {
  const lines: string[] = [];
  return { lines, term: { ...terminal(), interactive: false, out: (line) => void lines.push(line), err: (line) => void lines.push(line) } };
}

describe("progress of several items", () => {
  it("prints one plain line per change of an item's state, off a terminal, and returns the work's result", async () => {
    const { term, lines } = plainTerminal();
    const result = await showProgress(term, async (sink) => {
      sink([{ key: "a", label: "web-0", status: "waiting", outcome: "running" }, { key: "b", label: "web-1", status: "waiting", outcome: "running" }]);
      sink([{ key: "a", label: "web-0", status: "waiting", outcome: "running" }, { key: "b", label: "web-1", status: "protecting", outcome: "running" }]);
      sink([{ key: "a", label: "web-0", status: "available", outcome: "done", detail: "1.2 GB" }, { key: "b", label: "web-1", status: "error", outcome: "failed" }]);
      return 42;
    });
    assert.equal(result, 42);
    assert.deepEqual(lines, ["web-0: waiting", "web-1: waiting", "web-1: protecting", "web-0: available (1.2 GB)", "web-1: error"]);
  });

  it("passes the work's failure on", async () => {
    const { term } = plainTerminal();
    await assert.rejects(showProgress(term, async () => Promise.reject(new Error("cloud down"))), /cloud down/);
  });
});
