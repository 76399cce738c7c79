// Serialises the workflow's steps: an Update and a timer never interleave across an activity await.
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  private held = 0;

  get idle(): boolean {
    return this.held === 0;
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    this.held++;
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined).finally(() => this.held--);
    return result;
  }
}
