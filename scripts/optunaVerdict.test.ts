/** scripts/optunaVerdict.ts: a failing exported script with torch and optuna present fails the check; it is never "could not run", nor a pass. */
import { describe, expect, it } from 'vitest';
import { scriptVerdict, STDERR_TAIL } from './optunaVerdict';

const traceback = 'Traceback (most recent call last):\n  File "sweep.py", line 412, in objective\nRuntimeError: mat1 and mat2 shapes cannot be multiplied';

describe('the verdict of one run of the exported Optuna script', () => {
  it('exit 0 ran; exit 1 with a traceback is a verification failure (exit 1) that carries the stderr tail', () => {
    expect(scriptVerdict({ status: 0, signal: null, stderr: '' }, [])).toEqual({ kind: 'ran' });
    const failed = scriptVerdict({ status: 1, signal: null, stderr: `${'x'.repeat(10_000)}\n${traceback}` }, ['--float64']);
    expect(failed).toMatchObject({ kind: 'failed', exitCode: 1, why: 'the exported script exited with 1 (--float64) with torch and optuna present' });
    expect(failed.kind === 'failed' && failed.stderrTail.endsWith('shapes cannot be multiplied')).toBe(true);
    expect(failed.kind === 'failed' && failed.stderrTail.length).toBe(STDERR_TAIL);
  });

  it('killed or stopped at the time limit is a failure too', () => {
    expect(scriptVerdict({ status: null, signal: 'SIGKILL', stderr: '' }, [])).toMatchObject({ kind: 'failed', exitCode: 1, why: 'the exported script was killed by SIGKILL (float32) with torch and optuna present' });
    const timeout = Object.assign(new Error('spawnSync /usr/bin/python3 ETIMEDOUT'), { code: 'ETIMEDOUT' });
    expect(scriptVerdict({ status: null, signal: 'SIGTERM', stderr: '', error: timeout }, [])).toMatchObject({ kind: 'failed', exitCode: 1 });
  });

  it('a missing module or a Python that cannot start could not run (exit 2), never a pass', () => {
    const missing = scriptVerdict({ status: 1, signal: null, stderr: "Traceback (most recent call last):\nModuleNotFoundError: No module named 'sqlalchemy'" }, []);
    expect(missing).toEqual({ kind: 'could-not-run', exitCode: 2, why: 'the script needs the Python module sqlalchemy, not installed here (float32)' });
    const enoent = Object.assign(new Error('spawnSync /usr/bin/python3 ENOENT'), { code: 'ENOENT' });
    expect(scriptVerdict({ status: null, signal: null, stderr: '', error: enoent }, [])).toMatchObject({ kind: 'could-not-run', exitCode: 2 });
  });
});
