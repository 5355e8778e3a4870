/**
 * What a running rebuild reports (over HTTP, in the rebuild script's output, in logs):
 * its state, how many events it has written and how fast. The rate counts from the
 * start of the bulk load (reading, projecting and writing alike) to the latest page.
 */
export type RebuildState = 'preparing' | 'loading' | 'catching-up' | 'switching' | 'switched' | 'failed';

export interface RebuildProgress {
  readonly id: string;
  readonly state: RebuildState;
  readonly liveSchema: string;
  /** Where the projection is being built. */
  readonly rebuildSchema: string;
  /** What the live schema is renamed to at the switch; kept until the next rebuild unless dropped. */
  readonly retiredSchema: string;
  /** Whether the retired schema is still there to compare with (after the switch). */
  readonly retiredSchemaKept: boolean;
  readonly eventsDone: number;
  readonly eventsPerSecond: number;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly error: { readonly code?: string; readonly message: string } | null;
}

type Names = Pick<RebuildProgress, 'id' | 'liveSchema' | 'rebuildSchema' | 'retiredSchema'>;

export class RebuildProgressMeter {
  private progress: RebuildProgress;
  private loadingSince: number | null = null;
  private listener: ((progress: RebuildProgress) => void) | undefined;

  constructor(names: Names) {
    this.progress = {
      ...names,
      state: 'preparing',
      retiredSchemaKept: false,
      eventsDone: 0,
      eventsPerSecond: 0,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
  }

  snapshot(): RebuildProgress {
    return this.progress;
  }

  onChange(listener: ((progress: RebuildProgress) => void) | undefined): void {
    this.listener = listener;
  }

  enter(state: RebuildState): void {
    if (state === 'loading') this.loadingSince = performance.now();
    this.update({ state });
  }

  add(events: number): void {
    const now = performance.now();
    const eventsDone = this.progress.eventsDone + events;
    const seconds = (now - (this.loadingSince ?? now)) / 1000;
    this.update({ eventsDone, eventsPerSecond: seconds > 0 ? Math.round(eventsDone / seconds) : 0 });
  }

  switched(retiredSchema: string | null): void {
    this.update({ state: 'switched', retiredSchemaKept: retiredSchema !== null, finishedAt: new Date().toISOString() });
  }

  fail(error: unknown): void {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    this.update({
      state: 'failed',
      finishedAt: new Date().toISOString(),
      error: { code: typeof code === 'string' ? code : undefined, message: error instanceof Error ? error.message : String(error) },
    });
  }

  private update(change: Partial<RebuildProgress>): void {
    this.progress = { ...this.progress, ...change };
    this.listener?.(this.progress);
  }
}
