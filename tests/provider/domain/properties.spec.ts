/** Property tests (fast-check) over the whole domain layer: garbage never throws, round trips hold, normalization is stable. */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  canonicalRules,
  CheckFailure,
  formatClockTime,
  formatFixedOffset,
  fromOperationDefinition,
  parsePattern,
  renderPattern,
  RRule,
  Schedule,
  scheduleToUtcRules,
  UNKNOWN,
  utcRulesToSchedule,
  validateAssociationInputs,
  validatePolicyInputs,
  validateRetention,
  validateSchedule,
  validateTags,
  Weekday,
  WEEKDAYS,
} from "../../../provider/domain";
import { WINTER } from "./helpers";

const RUNS = { numRuns: 300 };

function wellFormed(failures: readonly CheckFailure[]): void {
  for (const f of failures) {
    assert.equal(typeof f.path, "string");
    assert.equal(typeof f.message, "string");
    if (f.path !== "") assert.ok(f.message.startsWith(`\`${f.path}\` `), f.message);
    assert.ok(!f.message.endsWith("."), f.message);
    assert.ok(f.message.length < 1000, "reasons stay short even for huge inputs");
  }
}

/** Values shaped roughly like inputs, with junk, unknowns and huge strings mixed in. */
const junk = fc.oneof(
  fc.anything(),
  fc.constant(UNKNOWN),
  fc.string({ maxLength: 20000 }),
  fc.array(fc.oneof(fc.string(), fc.constant(UNKNOWN), fc.integer(), fc.constant(null))),
);
const timeText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([h, m]) => `${h}:${String(m).padStart(2, "0")}`),
  fc.constantFrom("noon", "24:00", "2:00", "", " 03:15 "),
);
const scheduleish = fc.record(
  {
    times: fc.oneof(fc.array(timeText, { maxLength: 26 }), junk),
    weekdays: fc.oneof(fc.subarray([...WEEKDAYS, "mo", "Monday", "XX"]), junk),
    everyNDays: fc.oneof(fc.integer({ min: -2, max: 33 }), fc.constantFrom("3", "2.5", 1.5), junk),
    timezone: fc.oneof(fc.constantFrom("UTC", "Europe/Paris", "utc+8", "UTC-03:30", "Mars/Base", "+08:00"), junk),
  },
  { requiredKeys: [] },
);
const policyish = fc.record(
  {
    name: fc.oneof(fc.constantFrom("daily-web", "bad name", ""), junk),
    description: fc.oneof(fc.constantFrom("web tier", "<b>"), junk),
    enabled: fc.oneof(fc.boolean(), junk),
    adopt: fc.oneof(fc.boolean(), junk),
    schedule: fc.oneof(scheduleish, junk),
    retention: fc.oneof(fc.constantFrom({ maxBackups: 7 }, { maxAgeDays: "30" }, { permanent: true }, { maxBackups: 0, permanent: true }), junk),
    tags: fc.oneof(fc.dictionary(fc.string({ maxLength: 40 }), fc.oneof(fc.string({ maxLength: 50 }), junk), { maxKeys: 12 }), junk),
  },
  { requiredKeys: [] },
);

/** Mostly valid inputs, so normalization properties are exercised often. */
const plausibleSchedule = fc.record(
  {
    times: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 8 }).map((hours) => hours.map((h) => `${h}:${h % 2 === 0 ? "00" : "30"}`)),
    weekdays: fc.subarray([...WEEKDAYS, "fr", "sa"]),
    timezone: fc.constantFrom("UTC", "Europe/Paris", "utc+8", "UTC-03:30", "America/New_York"),
  },
  { requiredKeys: ["times"] },
);
const plausiblePolicy = fc.record(
  {
    description: fc.constantFrom("web tier", ""),
    enabled: fc.constantFrom(true, false, "false"),
    schedule: plausibleSchedule,
    retention: fc.constantFrom({ maxBackups: 7 }, { maxAgeDays: "30" }, { permanent: true }),
    tags: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 10 }),
  },
  { requiredKeys: ["schedule", "retention"] },
);

const weekday = fc.constantFrom(...WEEKDAYS);
const rrule: fc.Arbitrary<RRule> = fc.oneof(
  fc.record({
    freq: fc.constant("WEEKLY" as const),
    interval: fc.constant(1),
    byDay: fc.uniqueArray(weekday, { minLength: 1, maxLength: 7 }),
    byHour: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 24 }),
    byMinute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    freq: fc.constant("DAILY" as const),
    interval: fc.integer({ min: 1, max: 30 }),
    byDay: fc.constant([] as Weekday[]),
    byHour: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 24 }),
    byMinute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }),
  }),
);

/** Normalized schedules in a fixed-offset zone (the whole-cycle rule is not needed for round trips). */
const fixedOffsetSchedule: fc.Arbitrary<Schedule> = fc
  .record({
    minutes: fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 6 }),
    shape: fc.oneof(
      fc.constant({ kind: "daily" as const }),
      fc.uniqueArray(weekday, { minLength: 1, maxLength: 6 }).map((days) => ({ kind: "weekly" as const, days })),
      fc.integer({ min: 2, max: 30 }).map((n) => ({ kind: "every" as const, n })),
    ),
    offset: fc.integer({ min: -56, max: 56 }).map((q) => q * 15),
  })
  .map(({ minutes, shape, offset }) => {
    const schedule: Schedule = { times: [...minutes].sort((a, b) => a - b).map(formatClockTime), timezone: formatFixedOffset(offset) };
    if (shape.kind === "weekly") schedule.weekdays = WEEKDAYS.filter((d) => shape.days.includes(d));
    if (shape.kind === "every") schedule.everyNDays = shape.n;
    return schedule;
  });

describe("domain properties", () => {
  it("never throws on garbage and always reports failures for invalid policy inputs", () => {
    fc.assert(
      fc.property(fc.oneof(policyish, junk), (raw) => {
        const result = validatePolicyInputs(raw, WINTER);
        wellFormed(result.failures);
        assert.ok(result.inputs !== undefined || result.failures.length > 0);
      }),
      RUNS,
    );
  });

  it("never throws on garbage schedules, retentions, tags and associations", () => {
    fc.assert(
      fc.property(fc.oneof(scheduleish, junk), junk, junk, (schedule, other, more) => {
        for (const result of [
          validateSchedule(schedule, "schedule", WINTER),
          validateRetention(other),
          validateTags(more),
          validateAssociationInputs({ policyId: other, serverIds: more, takeOver: schedule }),
          validateAssociationInputs(other),
        ]) {
          wellFormed(result.failures);
          assert.ok(("value" in result ? result.value : (result as { inputs?: unknown }).inputs) !== undefined || result.failures.length > 0);
        }
        fromOperationDefinition(other);
        fromOperationDefinition({ max_backups: other, retention_duration_days: more, permanent: schedule });
      }),
      RUNS,
    );
  });

  it("never throws when parsing arbitrary text as a pattern", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }).map((s) => `BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:${s}\nEND:VEVENT\nEND:VCALENDAR`)), (text) => {
        const result = parsePattern(text);
        assert.ok(result.ok || result.error.length > 0);
      }),
      RUNS,
    );
  });

  it("keeps a validated schedule unchanged when validated again", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(scheduleish, plausibleSchedule), (raw) => {
        const first = validateSchedule(raw);
        if (first.value === undefined || first.unknowns.length > 0) return;
        checked++;
        assert.deepEqual(validateSchedule(first.value).value, first.value);
      }),
      RUNS,
    );
    assert.ok(checked > 30, `only ${checked} valid schedules generated`);
  });

  it("keeps validated policy inputs unchanged when validated again", () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(policyish, plausiblePolicy), (raw) => {
        const first = validatePolicyInputs({ name: "p", ...raw }, WINTER);
        if (first.inputs === undefined || first.unknowns.length > 0) return;
        checked++;
        const { pattern: _pattern, ...inputs } = first.inputs;
        assert.deepEqual(validatePolicyInputs(inputs, WINTER).inputs, first.inputs);
      }),
      RUNS,
    );
    assert.ok(checked > 30, `only ${checked} valid policies generated`);
  });

  it("parses a rendered pattern back to the canonical rules", () => {
    fc.assert(
      fc.property(fc.array(rrule, { minLength: 1, maxLength: 4 }), (rules) => {
        const text = renderPattern(rules);
        fc.pre(text.length <= 10240);
        const parsed = parsePattern(text);
        assert.ok(parsed.ok);
        assert.deepEqual(parsed.rules, canonicalRules(rules));
        assert.equal(renderPattern(parsed.rules), text);
      }),
      RUNS,
    );
  });

  it("round-trips local → UTC → local exactly for a fixed offset", () => {
    fc.assert(
      fc.property(fixedOffsetSchedule, (schedule) => {
        const back = utcRulesToSchedule(scheduleToUtcRules(schedule, WINTER), schedule.timezone, WINTER);
        assert.deepEqual(back, { ok: true, schedule });
      }),
      RUNS,
    );
  });

  it("round-trips through the pattern text too", () => {
    fc.assert(
      fc.property(fixedOffsetSchedule, (schedule) => {
        const parsed = parsePattern(renderPattern(scheduleToUtcRules(schedule, WINTER)));
        assert.ok(parsed.ok);
        assert.deepEqual(utcRulesToSchedule(parsed.rules, schedule.timezone, WINTER), { ok: true, schedule });
      }),
      RUNS,
    );
  });

  it("never finds a UTC problem in weekly or daily schedules: the conversion only rotates them", () => {
    fc.assert(
      fc.property(fixedOffsetSchedule, (schedule) => {
        fc.pre(schedule.everyNDays === undefined);
        const local = validateSchedule(schedule);
        const withUtc = validateSchedule(schedule, "schedule", WINTER);
        assert.deepEqual(withUtc.failures, local.failures);
      }),
      RUNS,
    );
  });
});
