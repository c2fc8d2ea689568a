/**
 * What the provider writes to stderr (its warning fallback outside the engine), captured per test with a fresh
 * provider runtime, so "shown once per process" starts over in every test.
 */
import { resetProviderRuntime } from "../../../provider/runtime/provider-runtime";

/** Registers hooks that capture stderr in each test of the enclosing describe; the array holds each write. */
export function capturedStderrPerTest(): string[] {
  const written: string[] = [];
  const write = process.stderr.write;
  beforeEach(() => {
    resetProviderRuntime();
    written.length = 0;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
    resetProviderRuntime();
  });
  return written;
}
