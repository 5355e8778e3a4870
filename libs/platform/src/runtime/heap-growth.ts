/**
 * How far V8 lets the heap grow past what survived its last full collection before it
 * collects again. By default V8 picks that factor for throughput, up to 4x, whenever
 * memory looks plentiful (on a 24 GB machine it always does), so a process that keeps
 * 40 MB alive and allocates briskly peaks near 200 MB of heap: a projection rebuild over
 * a million events, with about 40 MB live, peaked at 277-301 MB of RSS, the ledger at
 * 445-516 MB in the benchmark's ledger scenarios. At 2x the rebuild peaked at
 * 193 MB for 5% more CPU, the ledger at 337-353 MB; 1.5x saved 17 MB more on the rebuild
 * but cost it 15-30% more CPU (figures and how to reproduce them in
 * tests/benchmarks/README.md).
 *
 * It is set from code at the start of every service and command but the outbox relay
 * (its main.ts says why), because that is the one place every way of starting them goes
 * through (npm start, Docker, Kubernetes, an operator typing `node dist/...`), and because
 * V8 reads this flag at each collection, so setting it after start-up takes effect
 * (unlike the generation sizes, which stay node options: deploy/service-node-options.json).
 * A process started with its own `--heap-growing-percent` keeps it (0 gives V8's own
 * choice back).
 */
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to twice what survived the last full collection. */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = '--heap-growing-percent';

/** Applies the growth bound unless the process was started with a value of its own; answers the value in force. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, setFlags: (flags: string) => void = setFlagsFromString): number | null {
  // V8 takes its flags with dashes or underscores alike.
  const given = execArgv.map((argument) => argument.replace(/_/g, '-')).find((argument) => argument.split('=')[0] === FLAG);
  if (given !== undefined) return givenPercent(given);
  setFlags(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return HEAP_GROWING_PERCENT;
}

function givenPercent(argument: string): number | null {
  const value = Number(argument.split('=')[1]);
  return Number.isInteger(value) ? value : null;
}
