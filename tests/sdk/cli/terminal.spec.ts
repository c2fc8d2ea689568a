import * as assert from "node:assert/strict";
import { humanDuration, parseDuration, table, terminal } from "../../../sdk/cli/terminal";

describe("terminal output helpers", () => {
  it("aligns rows as columns, the last column unpadded", () => {
    assert.deepEqual(table([["NAME", "STATUS", "NOTE"], ["daily-web", "ok", ""], ["a", "suspended", "x"]]), [
      "NAME       STATUS     NOTE",
      "daily-web  ok",
      "a          suspended  x",
    ]);
  });

  it("says ages and delays for people, and reads the durations the options take", () => {
    assert.deepEqual([0, 45_000, 59_600, 90_000, 3 * 3_600_000 + 20 * 60_000, 52 * 3_600_000, -5].map(humanDuration), ["0s", "45s", "1m", "1m", "3h 20m", "2d 4h", "0s"]);
    assert.deepEqual(["500ms", "90s", "30m", " 24h ", "7d"].map(parseDuration), [500, 90_000, 1_800_000, 86_400_000, 604_800_000]);
    assert.deepEqual(["", "1.5h", "10", "3w"].map(parseDuration), [undefined, undefined, undefined, undefined]);
  });

  it("is not interactive and has no colour when stdout is not a terminal", () => {
    const isTTY = process.stdout.isTTY;
    try {
      Object.defineProperty(process.stdout, "isTTY", { value: false, configurable: true });
      const term = terminal();
      assert.equal(term.interactive, false);
      assert.equal(term.colors.red("x"), "x");
    } finally {
      Object.defineProperty(process.stdout, "isTTY", { value: isTTY, configurable: true });
    }
  });
});
