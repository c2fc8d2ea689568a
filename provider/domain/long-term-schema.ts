/** The `retention.longTerm` input's schema and rules; the counts and their API form are in ./long-term. */
import { z } from "./zod";
import { asInteger, isRecord } from "./coerce";
import { show } from "./failures";
import { defineRule, orUnknown, report, says, saysByCode, withoutAbsent } from "./input-schema";
import { LIMITS } from "./limits";
import { LONG_TERM_KEYS, normalizeLongTerm, type LongTermRetention } from "./long-term";

const LONG_TERM_EXAMPLE = "write e.g. longTerm: { daily: 7, weekly: 4, monthly: 12 }";

const LONG_TERM_TYPE = defineRule("retention.longTermType", ({ input }) => `is ${show(input)}: longTerm must be an object of counts; ${LONG_TERM_EXAMPLE}`);
const LONG_TERM_KEY = defineRule("retention.longTermUnknownCount", () => `is not a long-term count: the counts are ${LONG_TERM_KEYS.join(", ")}; ${LONG_TERM_EXAMPLE}`);
const LONG_TERM_RANGE = defineRule("retention.longTermRange", ({ input }) => {
  const n = asInteger(input);
  const fix = n !== undefined && n > LIMITS.longTermMax ? `use at most ${LIMITS.longTermMax}` : "use e.g. 7";
  return `is ${show(input)}: a long-term count must be a whole number from 0 to ${LIMITS.longTermMax}; ${fix}`;
});
const LONG_TERM_EMPTY = defineRule(
  "retention.longTermEmpty",
  () => `keeps nothing: set at least one of ${LONG_TERM_KEYS.join(", ")} above 0 (0 to ${LIMITS.longTermMax}), or remove longTerm`,
);
/** Checked by the retention schema, which sees both. */
export const LONG_TERM_WITH_PERMANENT = defineRule(
  "retention.longTermWithPermanent",
  () =>
    "is set together with permanent: true, which already keeps every backup: long-term retention only adds to maxBackups or maxAgeDays; " +
    "remove longTerm, or replace permanent with maxBackups or maxAgeDays",
);

const longTermCount = orUnknown(
  z.preprocess(
    (value) => asInteger(value) ?? value,
    z.number(says(LONG_TERM_RANGE)).int(says(LONG_TERM_RANGE)).min(0, says(LONG_TERM_RANGE)).max(LIMITS.longTermMax, says(LONG_TERM_RANGE)),
  ),
);

/** `retention.longTerm`: the four counts, absent ones 0, at least one above 0. */
export const longTermSchema = orUnknown(
  z
    .preprocess(
      (raw) => withoutAbsent(raw),
      z
        .strictObject(
          { daily: longTermCount.optional(), weekly: longTermCount.optional(), monthly: longTermCount.optional(), yearly: longTermCount.optional() },
          saysByCode({ unrecognized_keys: LONG_TERM_KEY, otherwise: LONG_TERM_TYPE }),
        )
        .superRefine(
          (value, ctx) => {
            if (!isRecord(value)) return;
            const counts = LONG_TERM_KEYS.map((k) => value[k]);
            // Unknown counts may turn out above 0: only a fully known set that is all 0 keeps nothing.
            if (counts.every((c) => c === undefined || c === 0)) report(ctx, LONG_TERM_EMPTY, value);
          },
          { when: () => true },
        ),
    )
    .transform((value): LongTermRetention => normalizeLongTerm(value as Partial<LongTermRetention>)),
);
