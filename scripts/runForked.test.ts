/**
 * scripts/run-forked.py, which pytorchVerify.test.ts runs the exported scripts through: each script gets the exit
 * status, stdout and stderr that `python3 SCRIPT ARGS` would give it, and nothing one script changes in torch's
 * global state reaches the next.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PYTHON = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p): p is string => p !== undefined && spawnSync(p, ['-c', 'import torch']).status === 0);
const RUNNER = fileURLToPath(new URL('./run-forked.py', import.meta.url));

describe.runIf(PYTHON !== undefined)('run-forked.py', () => {
  it('gives each script its own argv, streams and exit status, and keeps one script\'s torch settings from the next', () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-forked-'));
    const scripts: Record<string, string> = {
      ok: 'import sys, torch\nprint("args", sys.argv[1:], __name__)\ntorch.set_default_dtype(torch.float64)\nprint(torch.zeros(1).dtype)',
      after: 'import torch\nprint(torch.zeros(1).dtype)',
      code: 'import sys\nprint("before")\nsys.exit(3)',
      message: 'import sys\nsys.exit("bad input")',
      raises: 'raise ValueError("boom")',
    };
    const jobs = Object.entries(scripts).map(([name, text]) => {
      const file = join(dir, `${name}.py`);
      writeFileSync(file, text);
      return { argv: [file, '--verify', name], stdout: join(dir, `${name}.out`), stderr: join(dir, `${name}.err`) };
    });
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    const run = spawnSync(PYTHON ?? 'python3', [RUNNER, join(dir, 'jobs.json')], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([0, 0, 3, 1, 1]);
    const out = (name: string): string => readFileSync(join(dir, `${name}.out`), 'utf8');
    const err = (name: string): string => readFileSync(join(dir, `${name}.err`), 'utf8');
    expect(out('ok')).toBe("args ['--verify', 'ok'] __main__\ntorch.float64\n");
    expect(out('after')).toBe('torch.float32\n');
    expect(out('code')).toBe('before\n');
    expect(err('message')).toBe('bad input\n');
    expect(err('raises')).toMatch(/Traceback[\s\S]*ValueError: boom\n$/);
  });
});
