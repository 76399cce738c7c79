// A one-line progress bar on stderr (redrawn in place on a terminal, a line every 10 s otherwise).
import { performance } from 'node:perf_hooks';

export class Progress {
  private done = 0;
  private readonly t0 = performance.now();
  private lastDraw = 0;
  private drawn = -1;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string, private readonly total: number, private readonly unit = 'transitions') {
    this.draw(true);
  }

  get count() {
    return this.done;
  }

  tick(n = 1) {
    this.done += n;
    this.draw(this.done >= this.total);
  }

  private draw(force: boolean) {
    const now = performance.now();
    if (this.drawn === this.done || (!force && now - this.lastDraw < (this.tty ? 200 : 10_000))) return;
    this.lastDraw = now;
    this.drawn = this.done;
    const seconds = (now - this.t0) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : NaN;
    const width = 30;
    const filled = Math.round((width * this.done) / Math.max(1, this.total));
    const line = `${this.label.padEnd(18)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${this.unit}  ` +
      `${rate.toFixed(1)}/s  ${seconds.toFixed(0)} s${Number.isFinite(eta) && this.done < this.total ? `, ~${eta.toFixed(0)} s left` : ''}`;
    process.stderr.write(this.tty ? `\r${line}\x1b[K` : `${line}\n`);
  }

  end() {
    this.draw(true);
    if (this.tty) process.stderr.write('\n');
  }
}
