/**
 * Data a page loads from the chain or the subgraph: the latest value, whether it is loading, and a
 * readable error that leaves the last good value on screen.
 */
export class Loader<T> {
  value = $state<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  #run = 0;

  constructor(private readonly load: () => Promise<T>, private readonly explain: (e: unknown) => string = (e) => (e instanceof Error ? e.message : String(e))) {}

  async refresh(): Promise<void> {
    const run = ++this.#run;
    this.loading = true;
    try {
      const value = await this.load();
      if (run === this.#run) {
        this.value = value;
        this.error = null;
      }
    } catch (error) {
      if (run === this.#run) this.error = this.explain(error);
    } finally {
      if (run === this.#run) this.loading = false;
    }
  }
}
