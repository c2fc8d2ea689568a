/**
 * How a rule says "cannot tell yet": values computed by other resources are unknown during a preview, and a rule
 * must not call them violations. @pulumi/policy reports an error of its own UnknownValueError class as an
 * advisory note "can't run policy … during preview: <message>", whatever the rule's enforcement level, so a
 * rule throws one carrying its own message once it has reported every violation it could see.
 */

type UnknownValueErrorClass = new (sentinel: unknown, props: string[]) => Error;

// Not in @pulumi/policy's typings: the class is internal, but its instanceof check is how the SDK tells an
// unknown value from a rule's crash.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UnknownValueError, unknownStringValue } = require("@pulumi/policy/proxy") as {
  UnknownValueError: UnknownValueErrorClass;
  unknownStringValue: unknown;
};

class PreviewUnknown extends UnknownValueError {
  constructor(message: string) {
    super(unknownStringValue, []);
    this.message = message;
  }
}

/** Ends the rule with an advisory note listing what it could not check, when there is anything. */
export function reportUnknowns(unknowns: readonly string[]): void {
  if (unknowns.length === 0) return;
  throw new PreviewUnknown(`${unknowns.join("; ")}: not known until the update, which checks it then`);
}
