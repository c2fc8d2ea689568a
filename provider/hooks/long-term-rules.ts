/**
 * Long-term retention exists in CSBS only: Karbor's `retention_protect` operation keeps by count and age, and
 * has no day/week/month/year counts. A policy that asks for them on Karbor fails the preview, rather than
 * deploying a retention that silently keeps less than declared.
 */
import type { PolicyBackend } from "../backends/policy-backend";
import { failure, type CheckFailure } from "../domain/failures";
import type { PolicyInputs } from "../domain/policy-inputs";

export function longTermDialectFailures(inputs: Pick<PolicyInputs, "retention">, api: PolicyBackend["api"]): CheckFailure[] {
  if (api !== "karbor" || inputs.retention.longTerm === undefined) return [];
  return [
    failure(
      "retention.longTerm",
      "retention.longTermKarbor",
      "is set, but this project's data-protection API is Karbor (csbs:api = karbor), which has no long-term retention: " +
        "its retention keeps only by count or age; remove longTerm, or use a CSBS project",
    ),
  ];
}
