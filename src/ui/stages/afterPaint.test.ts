import { describe, expect, it } from 'vitest';
import { paintQueue, type PaintScheduler } from './afterPaint';

/** A scheduler whose frame and tasks run when the test says: each call of `run` is one task. */
function manual(): PaintScheduler & { pending: (() => void)[]; frames: number; run: () => void } {
  const s = {
    pending: [] as (() => void)[],
    frames: 0,
    afterFrame(callback: () => void) {
      s.frames += 1;
      s.pending.push(callback);
    },
    nextTask(callback: () => void) {
      s.pending.push(callback);
    },
    run() {
      s.pending.shift()?.();
    },
  };
  return s;
}

describe('paintQueue', () => {
  it('runs nothing before the frame, then one part per task, in order', () => {
    const scheduler = manual();
    const queue = paintQueue(scheduler);
    const ran: string[] = [];
    queue.enqueue(() => ran.push('plot'));
    queue.enqueue(() => ran.push('smalls'));
    queue.enqueue(() => ran.push('rate'));
    expect(ran).toEqual([]);
    expect(scheduler.frames).toBe(1);
    scheduler.run();
    expect(ran).toEqual(['plot']);
    scheduler.run();
    expect(ran).toEqual(['plot', 'smalls']);
    scheduler.run();
    expect(ran).toEqual(['plot', 'smalls', 'rate']);
    expect(scheduler.pending).toHaveLength(0);
  });

  it('skips a cancelled part and waits for a new frame once it has emptied', () => {
    const scheduler = manual();
    const queue = paintQueue(scheduler);
    const ran: string[] = [];
    queue.enqueue(() => ran.push('a'));
    const cancel = queue.enqueue(() => ran.push('b'));
    queue.enqueue(() => ran.push('c'));
    cancel();
    scheduler.run();
    scheduler.run();
    expect(ran).toEqual(['a', 'c']);
    expect(scheduler.pending).toHaveLength(0);
    queue.enqueue(() => ran.push('d'));
    expect(scheduler.frames).toBe(2);
    scheduler.run();
    expect(ran).toEqual(['a', 'c', 'd']);
  });

  it('a part that throws does not stop the parts after it', () => {
    const scheduler = manual();
    const queue = paintQueue(scheduler);
    const ran: string[] = [];
    queue.enqueue(() => {
      throw new Error('draw failed');
    });
    queue.enqueue(() => ran.push('next'));
    expect(() => scheduler.run()).toThrow('draw failed');
    scheduler.run();
    expect(ran).toEqual(['next']);
  });
});
