import { describe, expect, it } from 'vitest';
import { lazyModule } from './lazyModule';

describe('lazyModule', () => {
  it('imports once, however often it is asked, and is current only once loaded', async () => {
    let imports = 0;
    const part = lazyModule(async () => {
      imports += 1;
      return { name: 'panel' };
    });
    expect(part.current).toBeNull();
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect(a).toBe(b);
    expect(part.current).toBe(a);
    await part.load();
    expect(imports).toBe(1);
  });

  it('after a failed import, the next load tries again', async () => {
    let imports = 0;
    const part = lazyModule(async () => {
      imports += 1;
      if (imports === 1) throw new Error('network');
      return { name: 'panel' };
    });
    await expect(part.load()).rejects.toThrow('network');
    expect(part.current).toBeNull();
    await expect(part.load()).resolves.toEqual({ name: 'panel' });
    expect(imports).toBe(2);
  });
});
