/**
 * V8's tier-up budget for a one-shot `port scan` (docs/PORT.md, "Speed"). A scan is a batch of a second or two on
 * every core; with Node 20's default `--interrupt-budget` (67,584) lukewarm functions go to V8's optimising compiler
 * too, and those background compiles, repeated in every isolate (the main thread and each worker), take the cores the
 * parsers need: on 2 cores they were ~0.6 s of a 1.8 s scan. A larger budget keeps the optimiser for the hot
 * functions. `bench/port-scan.ts` times the scan and its single-core-parse yardstick with the same budget.
 */
import { setFlagsFromString } from 'node:v8';

/** Bytes of bytecode a function runs before V8 considers it for optimisation (0.5M-1M measured best, 8M no worse). */
export const PORT_SCAN_INTERRUPT_BUDGET = 1_000_000;

/**
 * Raises the budget for the rest of the process (V8 flags are process-wide). The CLI calls it before the scan's
 * modules load and exits after the scan; an embedder that runs the CLI in-process gets it too, which changes when V8
 * optimises functions, never a result.
 */
export function raiseTierUpBudgetForScan(): void {
  setFlagsFromString(`--interrupt-budget=${PORT_SCAN_INTERRUPT_BUDGET}`);
}
