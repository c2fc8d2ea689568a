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
import { parseInputs } from "../../../provider/domain/input-schema";
import { policyInputsSchema } from "../../../provider/domain/policy-inputs";
import { SUMMER, WINTER } from "./helpers";

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

/** One rule broken on purpose, with the path its failure must name. */
interface Breakage {
  path: string;
  apply(policy: Record<string, unknown>): Record<string, unknown>;
}

const POLICY_BREAKAGES: Breakage[] = [
  { path: "name", apply: (p) => ({ ...p, name: "bad name" }) },
  { path: "description", apply: (p) => ({ ...p, description: "<b>bold</b>" }) },
  { path: "retention", apply: (p) => ({ ...p, retention: { maxBackups: 0 } }) },
  { path: "retention", apply: (p) => ({ ...p, retention: { maxBackups: 7, permanent: true } }) },
  { path: "schedule.times", apply: (p) => ({ ...p, schedule: { ...(p.schedule as object), times: ["24:00"] } }) },
  { path: "schedule", apply: (p) => ({ ...p, schedule: { ...(p.schedule as object), everyNDays: 31 } }) },
  { path: "tags", apply: (p) => ({ ...p, tags: { "bad key!": "x" } }) },
  { path: "retenton", apply: (p) => ({ ...p, retenton: { maxBackups: 3 } }) },
];

type PolicyValidator = (raw: unknown, now: Date) => { inputs?: unknown; failures: readonly CheckFailure[] };

/** Valid inputs with one rule broken are refused, with a failure at the broken path. */
function policyWithOneBrokenRule(validate: PolicyValidator) {
  return fc.property(plausiblePolicy, fc.constantFrom(...POLICY_BREAKAGES), (valid, breakage) => {
    fc.pre(validatePolicyInputs({ name: "p", ...valid }, WINTER).inputs !== undefined);
    const result = validate(breakage.apply({ name: "p", ...valid }), WINTER);
    assert.equal(result.inputs, undefined);
    assert.ok(result.failures.some((f) => f.path.startsWith(breakage.path)), `${breakage.path}: ${JSON.stringify(result.failures)}`);
  });
}

type PartResult = { value?: unknown; inputs?: unknown; failures: readonly CheckFailure[] };
interface PartValidators {
  schedule(raw: unknown): PartResult;
  retention(raw: unknown): PartResult;
  association(raw: unknown): PartResult;
}

const SERVER = "00000000-0000-4000-8000-000000000001";
const PART_BREAKAGES: Array<{ part: keyof PartValidators; raw: unknown; path: string }> = [
  { part: "schedule", raw: { times: ["02:00", "02:30"] }, path: "schedule.times" },
  { part: "schedule", raw: { times: ["02:00"], weekdays: ["MO"], everyNDays: 2 }, path: "schedule" },
  { part: "schedule", raw: { times: ["02:00"], timezone: "Mars/Base" }, path: "schedule.timezone" },
  { part: "retention", raw: { maxAgeDays: 100000 }, path: "retention" },
  { part: "retention", raw: {}, path: "retention" },
  { part: "association", raw: { policyId: "not-a-uuid", serverIds: [SERVER] }, path: "policyId" },
  { part: "association", raw: { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: [] }, path: "serverIds" },
  { part: "association", raw: { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: [SERVER, SERVER] }, path: "serverIds" },
];

/** A schedule, retention or association with one rule broken is refused at the broken path. */
function partWithOneBrokenRule(validators: PartValidators) {
  return fc.property(fc.constantFrom(...PART_BREAKAGES), ({ part, raw, path }) => {
    const result = validators[part](raw);
    assert.equal(result.value ?? result.inputs, undefined, `${part} ${JSON.stringify(raw)} was accepted`);
    assert.ok(result.failures.some((f) => f.path.startsWith(path)), `${path}: ${JSON.stringify(result.failures)}`);
  });
}

/** Text with no VCALENDAR block is never taken for a pattern. */
function notACalendarIsRefused(parse: (text: string) => { ok: boolean }) {
  return fc.property(fc.string({ maxLength: 400 }), (text) => {
    fc.pre(!text.includes("BEGIN:VCALENDAR"));
    assert.equal(parse(text).ok, false);
  });
}

/** Schedules whose UTC rules break the whole-cycle rule at WINTER or SUMMER, among others that do not. */
const utcEdgeSchedule = fc.record({
  times: fc.constantFrom(["00:30", "23:50"], ["00:10", "23:30"], ["01:30", "22:00"], ["02:00"]),
  everyNDays: fc.constantFrom(2, 3, undefined),
  timezone: fc.constantFrom("Europe/Paris", "America/New_York", "UTC+05:30", "UTC"),
});
const policyAroundUtcRule = fc.record(
  {
    name: fc.constantFrom("daily-web", "bad name!", UNKNOWN),
    description: fc.constantFrom("web tier", "<b>"),
    enabled: fc.constantFrom(true, "maybe"),
    schedule: fc.oneof(utcEdgeSchedule, scheduleish, fc.constant(UNKNOWN)),
    retention: fc.constantFrom({ maxBackups: 7 }, { maxBackups: 0 }, {}),
    tags: fc.constantFrom({}, { "bad key!": "x" }),
    adopt: fc.constantFrom(false, 3),
    extra: fc.constant(1),
  },
  { requiredKeys: [] },
);

describe("domain properties", () => {
  it("never throws on garbage policy inputs and answers with inputs or well-formed failures", () => {
    fc.assert(
      fc.property(fc.oneof(policyish, junk), (raw) => {
        const result = validatePolicyInputs(raw, WINTER);
        wellFormed(result.failures);
        assert.ok(result.inputs !== undefined || result.failures.length > 0);
      }),
      RUNS,
    );
  });

  it("validates policy inputs with the schema built once exactly as with the schema built for the deploy time", () => {
    fc.assert(
      fc.property(fc.oneof(policyAroundUtcRule, policyish), fc.constantFrom(WINTER, SUMMER), (raw, at) => {
        const reference = parseInputs(policyInputsSchema(at), raw);
        const result = validatePolicyInputs(raw, at);
        assert.deepEqual(result.failures, reference.failures);
        assert.equal(result.inputs === undefined, reference.value === undefined);
      }),
      RUNS,
    );
  });

  it("reports the broken property of valid policy inputs with one rule broken, and returns no inputs", () => {
    const run = fc.check(policyWithOneBrokenRule(validatePolicyInputs), { numRuns: 100 });
    assert.equal(run.failed, false, String(run.counterexample));
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

  it("reports the broken part of a valid schedule, retention or association with one rule broken", () => {
    const validators: PartValidators = { schedule: (v) => validateSchedule(v, "schedule", WINTER), retention: (v) => validateRetention(v), association: (v) => validateAssociationInputs(v) };
    assert.equal(fc.check(partWithOneBrokenRule(validators), RUNS).failed, false);
  });

  it("never throws when parsing arbitrary text as a pattern, and refuses text that is no calendar", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }).map((s) => `BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:${s}\nEND:VEVENT\nEND:VCALENDAR`)), (text) => {
        const result = parsePattern(text);
        assert.ok(result.ok || result.error.length > 0);
      }),
      RUNS,
    );
    assert.equal(fc.check(notACalendarIsRefused(parsePattern), RUNS).failed, false);
  });

  it("would fail the three rule-breaking properties for validators and a parser that accept everything", () => {
    const acceptPolicy = (raw: unknown) => ({ inputs: raw as ReturnType<typeof validatePolicyInputs>["inputs"], failures: [], unknowns: [] });
    const accept = (raw: unknown) => ({ value: raw, inputs: raw, failures: [] as CheckFailure[] });
    assert.equal(fc.check(policyWithOneBrokenRule(acceptPolicy), { numRuns: 100 }).failed, true, "policy property");
    assert.equal(fc.check(partWithOneBrokenRule({ schedule: accept, retention: accept, association: accept }), RUNS).failed, true, "parts property");
    assert.equal(fc.check(notACalendarIsRefused(() => ({ ok: true as const, rules: [] })), RUNS).failed, true, "pattern property");
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
