/**
 * One stack's `pulumi preview --json`, read into what the pull-request digest shows. The streamed form
 * (PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, one engine event per line) is the one that carries policy
 * violations; the single JSON document of a plain `--json` has steps and counts but no policy events.
 */
import { z } from "zod";

/** One planned step. */
export interface PreviewStep {
  op: string;
  urn: string;
  type: string;
  /** The Pulumi resource name (the URN's last part). */
  name: string;
  inputs: Record<string, unknown>;
  oldInputs: Record<string, unknown>;
  /** Top-level properties that change (updates and replaces). */
  diffs: string[];
  /** The URNs each input depends on. */
  propertyDependencies: Record<string, string[]>;
}

/** One policy violation (or advisory note) the policy pack reported. */
export interface PreviewViolation {
  policyName: string;
  enforcementLevel: string;
  /** The resource, when the rule named one. */
  urn?: string;
  /** The rule's own message without the rule's description line. */
  message: string;
}

export interface PreviewRecord {
  steps: PreviewStep[];
  violations: PreviewViolation[];
  /** Resources by operation, as the engine counted them. */
  changes: Record<string, number>;
  /** Error diagnostics (check failures, "preview failed"). */
  errors: string[];
  /** "succeeded", "failed", or undefined when the record does not say. */
  result?: string;
}

const record = z.record(z.string(), z.unknown());
const stepMetadata = z.object({
  op: z.string(),
  urn: z.string(),
  type: z.string().optional(),
  old: z.object({ inputs: record.optional() }).nullish(),
  new: z.object({ inputs: record.optional(), type: z.string().optional(), propertyDependencies: z.record(z.string(), z.array(z.string())).nullish() }).nullish(),
  diffs: z.array(z.string()).nullish(),
});
const event = z.object({
  resourcePreEvent: z.object({ metadata: stepMetadata }).optional(),
  policyEvent: z.object({ policyName: z.string(), enforcementLevel: z.string(), resourceUrn: z.string().optional(), message: z.string() }).optional(),
  diagnosticEvent: z.object({ severity: z.string(), message: z.string(), urn: z.string().optional() }).optional(),
  summaryEvent: z.object({ resourceChanges: z.record(z.string(), z.number()).nullish(), result: z.string().optional() }).optional(),
});
const document = z.object({
  steps: z.array(stepMetadata.extend({ newState: z.object({ inputs: record.optional(), type: z.string().optional(), propertyDependencies: z.record(z.string(), z.array(z.string())).nullish() }).nullish(), oldState: z.object({ inputs: record.optional() }).nullish() })).optional(),
  changeSummary: z.record(z.string(), z.number()).optional(),
  diagnostics: z.array(z.object({ severity: z.string(), message: z.string() })).optional(),
});

/** Reads either form; throws an error naming the line that is not engine JSON. */
export function readPreview(text: string): PreviewRecord {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") && !trimmed.includes("\n{")) {
    try {
      return fromDocument(document.parse(JSON.parse(trimmed)));
    } catch {
      // One event on one line is also a single JSON object: read it as a stream below.
    }
  }
  const out: PreviewRecord = { steps: [], violations: [], changes: {}, errors: [] };
  trimmed.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1} of the preview is not JSON: run pulumi preview --json with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true and pass its stdout`);
    }
    const e = event.safeParse(parsed);
    if (!e.success) return;
    const { resourcePreEvent, policyEvent, diagnosticEvent, summaryEvent } = e.data;
    if (resourcePreEvent) out.steps.push(step(resourcePreEvent.metadata));
    if (policyEvent) {
      out.violations.push({
        policyName: policyEvent.policyName,
        enforcementLevel: policyEvent.enforcementLevel,
        urn: policyEvent.resourceUrn || undefined,
        message: withoutDescription(policyEvent.message),
      });
    }
    if (diagnosticEvent && diagnosticEvent.severity === "error") out.errors.push(diagnosticEvent.message.trim());
    if (summaryEvent) {
      out.changes = summaryEvent.resourceChanges ?? {};
      out.result = summaryEvent.result;
    }
  });
  return out;
}

function fromDocument(doc: z.infer<typeof document>): PreviewRecord {
  return {
    steps: (doc.steps ?? []).map((s) => step({ ...s, new: s.newState ?? s.new, old: s.oldState ?? s.old })),
    violations: [],
    changes: doc.changeSummary ?? {},
    errors: (doc.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message.trim()),
  };
}

function step(m: z.infer<typeof stepMetadata>): PreviewStep {
  return {
    op: m.op,
    urn: m.urn,
    type: m.type ?? m.new?.type ?? "",
    name: m.urn.split("::").pop() ?? m.urn,
    inputs: m.new?.inputs ?? {},
    oldInputs: m.old?.inputs ?? {},
    diffs: m.diffs ?? [],
    propertyDependencies: m.new?.propertyDependencies ?? {},
  };
}

/** The engine sends "<rule description>\n<message>"; the digest shows the message. */
function withoutDescription(message: string): string {
  const lines = message.trim().split("\n");
  return (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim();
}
