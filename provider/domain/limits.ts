/**
 * Every numeric limit and character rule of CSBS in one place (docs/csbs-api-notes.md D).
 * The local cloud keeps its own copy on purpose, so one can catch mistakes in the other.
 */
export const LIMITS = {
  /** Backup policies per project. */
  policiesPerProject: 32,
  /** Servers associated with one policy. */
  serversPerPolicy: 64,
  /** Runs of one policy in one calendar day. */
  runsPerDay: 24,
  /** Minimum minutes between two consecutive runs, also across midnight. */
  minMinutesBetweenRuns: 60,
  /** everyNDays range. */
  everyNDaysMin: 1,
  everyNDaysMax: 30,
  /** maxBackups and maxAgeDays range. */
  retentionMin: 1,
  retentionMax: 99999,
  /** Each long-term count (daily, weekly, monthly, yearly). */
  longTermMax: 100,
  /** Policy name length. */
  nameMin: 1,
  nameMax: 255,
  /** Policy description length. */
  descriptionMax: 255,
  /** Tags per policy. */
  tagsMax: 10,
  tagKeyMin: 1,
  tagKeyMax: 36,
  tagValueMax: 43,
  /** Longest trigger pattern the API accepts. */
  patternMaxChars: 10240,
  /** Servers one association may list (an association cannot exceed its policy). */
  serverIdsMin: 1,
  serverIdsMax: 64,
} as const;

/** Characters allowed in policy names, tag keys and tag values. */
export const NAME_CHARS = /^[A-Za-z0-9_-]*$/;

/** Characters a description must not contain. */
export const DESCRIPTION_FORBIDDEN = /[<>]/;

/** Minutes in a day and a week, for cycle arithmetic. */
export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
