import * as assert from "node:assert/strict";
import { formatFixedOffset, offsetMinutes, parseTimezone, TimezoneError } from "../../../provider/domain/timezone";
import { validateTimezone } from "../../../provider/domain/timezone-schema";
import { SUMMER, WINTER } from "./helpers";

describe("timezone", () => {
  it("gives Europe/Paris +60 in January and +120 in July", () => {
    assert.equal(offsetMinutes("Europe/Paris", WINTER), 60);
    assert.equal(offsetMinutes("Europe/Paris", SUMMER), 120);
  });

  it("handles zones west of UTC and with 45-minute offsets", () => {
    assert.equal(offsetMinutes("America/New_York", WINTER), -300);
    assert.equal(offsetMinutes("Asia/Kathmandu", WINTER), 345);
  });

  it("reads fixed offsets", () => {
    assert.equal(offsetMinutes("UTC", WINTER), 0);
    assert.equal(offsetMinutes("UTC+08:00", WINTER), 480);
    assert.equal(offsetMinutes("UTC-03:30", SUMMER), -210);
  });

  it("normalizes fixed offsets to UTC±HH:MM and zero to UTC", () => {
    assert.deepEqual(parseTimezone("utc+8"), { ok: true, name: "UTC+08:00" });
    assert.deepEqual(parseTimezone("UTC-3:30"), { ok: true, name: "UTC-03:30" });
    assert.deepEqual(parseTimezone("UTC+00:00"), { ok: true, name: "UTC" });
  });

  it("fixes only the letter case of IANA names", () => {
    assert.deepEqual(parseTimezone("europe/paris"), { ok: true, name: "Europe/Paris" });
  });

  it("rejects offsets beyond ±14:00", () => {
    assert.equal(parseTimezone("UTC+15:00").ok, false);
    assert.equal(parseTimezone("UTC+05:75").ok, false);
  });

  it("rejects unknown zones with a fix", () => {
    const result = validateTimezone("Mars/Olympus", "schedule.timezone");
    assert.equal(result.value, undefined);
    assert.match(result.failures[0]?.message ?? "", /^`schedule.timezone` is "Mars\/Olympus": .*IANA.*; use a name/);
  });

  it("suggests the UTC form for a bare offset", () => {
    const result = validateTimezone("+08:00", "tz");
    assert.match(result.failures[0]?.message ?? "", /"UTC\+08:00"/);
  });

  it("rejects non-strings and huge strings without throwing", () => {
    assert.equal(validateTimezone(8, "tz").failures.length, 1);
    assert.equal(validateTimezone("A".repeat(100_000), "tz").failures.length, 1);
  });

  it("throws a TimezoneError when asked for the offset of an invalid zone", () => {
    assert.throws(() => offsetMinutes("Nowhere/Land", WINTER), TimezoneError);
  });

  it("formats fixed offsets", () => {
    assert.equal(formatFixedOffset(-210), "UTC-03:30");
    assert.equal(formatFixedOffset(0), "UTC");
  });
});
