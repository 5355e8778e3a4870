/**
 * Rebuilds started over HTTP: each runs in the background under an id, and its
 * progress stays readable by that id after it ends (the latest few are kept).
 */
import type { ProjectionRebuilder, Rebuild } from './projection-rebuilder';
import { ProjectorError } from './projector-error';
import type { RebuildProgress } from './rebuild-progress';

const KEPT_REBUILDS = 20;

export class RebuildTracker {
  private readonly rebuilds = new Map<string, Rebuild>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly rebuilder: ProjectionRebuilder) {}

  /** Starts a rebuild and answers at once; fails with `projector.rebuild-in-progress` when one runs anywhere. */
  async start(): Promise<RebuildProgress> {
    const rebuild = await this.rebuilder.begin();
    this.remember(rebuild);
    // The outcome is in the progress (and the rebuilder's log); nobody awaits the run itself.
    const run = rebuild.run().catch(() => undefined);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return rebuild.progress();
  }

  progress(id: string): RebuildProgress {
    const rebuild = this.rebuilds.get(id);
    if (!rebuild) {
      throw new ProjectorError('projector.rebuild-not-found', `No rebuild ${id} is known to this instance.`, 'id');
    }
    return rebuild.progress();
  }

  /** Cancels running rebuilds and waits until they have let go of their connections. */
  async stop(): Promise<void> {
    for (const rebuild of this.rebuilds.values()) rebuild.cancel();
    await Promise.all(this.running);
  }

  private remember(rebuild: Rebuild): void {
    this.rebuilds.set(rebuild.id, rebuild);
    for (const id of [...this.rebuilds.keys()].slice(0, Math.max(0, this.rebuilds.size - KEPT_REBUILDS))) this.rebuilds.delete(id);
  }
}
