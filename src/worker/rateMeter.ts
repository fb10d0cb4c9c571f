/** Steps per second over a sliding window of recent ticks. */
export class RateMeter {
  private samples: { time: number; steps: number }[] = [];

  constructor(private readonly windowMs: number) {}

  add(time: number, steps: number): void {
    this.samples.push({ time, steps });
    while (this.samples.length > 2 && time - this.samples[0].time > this.windowMs) this.samples.shift();
  }

  /** Steps completed after the oldest sample, divided by the time since it. */
  perSecond(now: number): number {
    if (this.samples.length < 2) return 0;
    const [first] = this.samples;
    const steps = this.samples.slice(1).reduce((sum, s) => sum + s.steps, 0);
    const seconds = (now - first.time) / 1000;
    return seconds > 0 ? steps / seconds : 0;
  }

  clear(): void {
    this.samples = [];
  }
}
