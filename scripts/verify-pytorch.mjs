#!/usr/bin/env node
/**
 * Runs the exported PyTorch scripts against the playground (issue 12, "Take it to PyTorch"): each exported
 * run trains its first 100 steps in PyTorch and must match the playground's minibatch losses, step by step,
 * within |a − b| ≤ 1e-3·max(|a|, |b|) + 64·2⁻²³·|first loss| + 2·(the script's float32-float64 spread so far)
 * (src/ui/export/pytorchCli.ts says why each term). Without an argument it exports and checks a set of runs and
 * the paper scene's two (src/ui/export/pytorchVerify.test.ts, report in test-results-pytorch/report.json); with
 * a path, it checks that one downloaded script.
 * Where PyTorch is not installed (`python3 -c 'import torch'` fails) it says so and exits 2: asked to verify, it
 * must not report success for a check it could not run. (`npm test` runs the same check only where torch is.)
 */
import { spawnSync } from 'node:child_process';

// The first Python that has torch: $PYTHON, python3 on the path, or the system's (Debian's python3-torch).
const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
const python = candidates.find((candidate) => spawnSync(candidate, ['-c', 'import torch']).status === 0);
const torch = python ? spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }) : { status: 1, stdout: '' };
if (!python || torch.status !== 0) {
  console.error("verify-pytorch: NOT verified — PyTorch is not installed here (python3 -c 'import torch' failed). Install it (pip install torch, or apt-get install python3-torch) and run again.");
  process.exit(2);
}
console.log(`verify-pytorch: PyTorch ${torch.stdout.trim()} (${python})`);
const file = process.argv[2];
const command = file ? [python, [file, '--verify']] : ['npx', ['vitest', 'run', 'src/ui/export/pytorchVerify.test.ts']];
const result = spawnSync(command[0], command[1], { stdio: 'inherit', env: { ...process.env, PYTHON: python, LOCOLAB_VERIFY_PAPER_SCENE: '1' } });
process.exit(result.status ?? 1);
