/**
 * The stack rules (a server in one policy and one association, 64 servers per policy, 32 policies per project)
 * checked over the whole program while it runs. The engine stops a preview at the first resource whose `check`
 * fails and runs no stack policy after that, so the provider's check alone shows one violating resource per
 * preview; the program, though, sees every BackupPolicy and PolicyAssociation it constructs. Each constructor
 * declares its resource here; once the program's current run of constructions is over (the next macrotask), one
 * pass applies the domain's stack rules (`provider/domain/stack-rules.ts`) to everything declared so far and logs
 * each violation as an error of the program, led by its rule name. A resource involved in a violation carries the
 * rule names in a hidden input, and its `check` then fails pointing at those errors instead of restating them; the
 * hidden input is a promise that the pass resolves, so the resources' registration waits for the pass.
 *
 * Only values known at construction count (literal server ids; the policy as a BackupPolicy object of the program
 * or a literal id): outputs, selectors and the live cloud are the provider's check's, which still refuses what
 * this pass cannot see. Resources constructed later (after an await) get a pass of their own, which sees the
 * earlier ones too.
 *
 * The same pass tells each BackupPolicy whether a PolicyAssociation of the program fills it (hidden input
 * `__usedByAssociation`): that association's write waits until a new policy is usable, so the policy's create
 * need not (provider/hooks/policy-usability.ts). An association constructed after the pass is not counted: the
 * policy's create then waits itself, which is only slower.
 */
import * as pulumi from "@pulumi/pulumi";
import { LIMITS } from "../provider/domain/limits";
import { stackViolations, type StackAssociationDecl, type StackPolicyDecl, type StackRuleName } from "../provider/domain/stack-rules";
import { isUnknown } from "../provider/domain/unknown";
import { STACK_REPORTED_KEY } from "../provider/hooks/reported-failures";
import { connectionSettings } from "./connection";
import { knownInputs } from "./known-inputs";

export { STACK_REPORTED_KEY };

/** The hidden input's value: the rule names the resource breaks, or undefined (then the input is absent). */
export type StackRulesReported = Promise<StackRuleName[] | undefined>;

interface PolicyRef {
  key: string;
  label: string;
  projectKey: string;
}

interface Ledger {
  policies: StackPolicyDecl[];
  associations: StackAssociationDecl[];
  /** BackupPolicy objects of the program, so an association's `policyId` output finds its policy. */
  policyRefs: WeakMap<object, PolicyRef>;
  logged: Set<string>;
  waiting: Array<{ key: string; resolve: (rules: StackRuleName[] | undefined) => void }>;
  /** Associations waiting to hear how many associations of the program share their policy. */
  counting: Array<{ policyKey: string; resolve: (count: number | undefined) => void }>;
  /** Policies waiting to hear whether an association of the program fills them. */
  filling: Array<{ key: string; resolve: (used: true | undefined) => void }>;
  scheduled: boolean;
  next: number;
  policyLimit?: { value: number | undefined };
}

const LEDGERS_KEY = Symbol.for("pulumi-csbs.sdk-stack-ledgers");
const DEFAULT_PROJECT = "the stack's project";

/** One ledger per Pulumi stack run (tests with mocks run several in one process), shared by every copy of the SDK. */
function ledger(): Ledger {
  const holder = globalThis as unknown as Record<symbol, WeakMap<object, Ledger> | undefined>;
  const ledgers = (holder[LEDGERS_KEY] ??= new WeakMap());
  const run: object = pulumi.runtime.getStackResource() ?? holder;
  let found = ledgers.get(run);
  if (found === undefined) {
    found = { policies: [], associations: [], policyRefs: new WeakMap(), logged: new Set(), waiting: [], counting: [], filling: [], scheduled: false, next: 0 };
    ledgers.set(run, found);
  }
  return found;
}

/** The project a resource's profile names (profiles are told apart by name: two names of one project are never merged). */
function projectKeyOf(args: object): string {
  const profile = (args as { profile?: unknown }).profile;
  return typeof profile === "string" ? `the project of profile "${profile}"` : DEFAULT_PROJECT;
}

/** A BackupPolicy being constructed; `bind` it to the resource object once `super` returned. */
export function declarePolicy(
  resourceName: string,
  args: object,
  name: unknown,
): { reported: StackRulesReported; usedByAssociation: Promise<true | undefined>; bind(resource: object): void } {
  const book = ledger();
  const key = `policy#${book.next++}`;
  const known = typeof name === "string" && !isUnknown(name) ? name : undefined;
  const label = known === undefined || known === resourceName ? `BackupPolicy "${resourceName}"` : `BackupPolicy "${resourceName}" (name "${known}")`;
  const projectKey = projectKeyOf(args);
  book.policies.push({ key, resourceName, projectKey });
  const usedByAssociation = new Promise<true | undefined>((resolve) => book.filling.push({ key, resolve }));
  return { reported: awaitPass(book, key), usedByAssociation, bind: (resource) => book.policyRefs.set(resource, { key, label, projectKey }) };
}

/**
 * A PolicyAssociation being constructed. Besides the stack rules, the pass tells how many associations declared
 * so far share its policy, itself included (undefined when the program does not know the policy): the provider
 * then knows when every change of that policy's server list has arrived (provider/hooks/batch-hints.ts).
 * `policyKey` names that policy, when known.
 */
export function declareAssociation(
  resourceName: string,
  args: { policyId: unknown; serverIds?: unknown },
): { reported: StackRulesReported; associationsOfPolicy: Promise<number | undefined>; policyKey?: string } {
  const book = ledger();
  const key = `association#${book.next++}`;
  const known = policyOf(book, args.policyId, projectKeyOf(args));
  const policy = known ?? { key: `unknown:${key}`, label: `the policy of association "${resourceName}"`, projectKey: projectKeyOf(args) };
  const listed = knownInputs(args.serverIds);
  const serverIds = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === "string" && !isUnknown(s)).map((s) => s.toLowerCase()) : [];
  book.associations.push({ key, resourceName, policyKey: policy.key, policyLabel: policy.label, projectKey: policy.projectKey, serverIds });
  const associationsOfPolicy = known
    ? new Promise<number | undefined>((resolve) => book.counting.push({ policyKey: policy.key, resolve }))
    : Promise.resolve(undefined);
  return { reported: awaitPass(book, key), associationsOfPolicy, ...(known ? { policyKey: known.key } : {}) };
}

/** The policy behind `policyId`: a BackupPolicy of the program whose output it is, or a literal id. */
function policyOf(book: Ledger, policyId: unknown, projectKey: string): PolicyRef | undefined {
  if (typeof policyId === "string") return { key: `id:${policyId.toLowerCase()}`, label: `policy id ${policyId}`, projectKey };
  if (!pulumi.Output.isInstance(policyId)) return undefined;
  // `resources()` is not in the public typings, but every Output carries the resources it came from.
  const resources = (policyId as unknown as { resources?: () => Set<unknown> }).resources?.() ?? new Set<unknown>();
  for (const resource of resources) {
    const ref = typeof resource === "object" && resource !== null ? book.policyRefs.get(resource) : undefined;
    if (ref !== undefined) return ref;
  }
  return undefined;
}

function awaitPass(book: Ledger, key: string): StackRulesReported {
  const reported = new Promise<StackRuleName[] | undefined>((resolve) => book.waiting.push({ key, resolve }));
  if (!book.scheduled) {
    book.scheduled = true;
    setImmediate(() => runPass(book));
  }
  return reported;
}

function runPass(book: Ledger): void {
  book.scheduled = false;
  // Policies of named profiles are left to check: the program does not know their dialect's quota.
  const violations = stackViolations(
    { policies: book.policies.filter((p) => p.projectKey === DEFAULT_PROJECT), associations: book.associations },
    { policiesPerProject: policyLimit(book) },
  );
  const rulesOf = new Map<string, Set<StackRuleName>>();
  for (const v of violations) {
    const line = `${v.ruleName} (${v.rule}): ${v.message}`;
    if (!book.logged.has(line)) {
      book.logged.add(line);
      void pulumi.log.error(line);
    }
    for (const key of v.involved) rulesOf.set(key, (rulesOf.get(key) ?? new Set()).add(v.ruleName));
  }
  const filled = new Set(book.associations.map((a) => a.policyKey));
  const perPolicy = new Map<string, number>();
  for (const a of book.associations) perPolicy.set(a.policyKey, (perPolicy.get(a.policyKey) ?? 0) + 1);
  for (const { policyKey, resolve } of book.counting.splice(0)) resolve(perPolicy.get(policyKey));
  for (const { key, resolve } of book.filling.splice(0)) resolve(filled.has(key) ? true : undefined);
  const waiting = book.waiting.splice(0);
  for (const { key, resolve } of waiting) {
    const rules = rulesOf.get(key);
    resolve(rules === undefined ? undefined : [...rules].sort());
  }
}

/**
 * CSBS allows 32 policies per project; Karbor's limit is its quota, which only the cloud knows, so with Karbor (or
 * when the settings do not resolve here) the program leaves the count to check.
 */
function policyLimit(book: Ledger): number | undefined {
  if (book.policyLimit === undefined) {
    let value: number | undefined;
    try {
      value = connectionSettings().api === "csbs" ? LIMITS.policiesPerProject : undefined;
    } catch {
      value = undefined;
    }
    book.policyLimit = { value };
  }
  return book.policyLimit.value;
}
