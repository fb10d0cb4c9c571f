/**
 * CPU time of the Chromium processes a bench launched (Linux /proc; null elsewhere): the GPU process, where
 * SwiftShader runs the dispatches, and all of them. On a shared machine a measurement's wall time follows the
 * other processes' load as much as the kernel; its CPU time much less, so the two side by side tell them apart.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface CpuTimes {
  gpuMs: number;
  allMs: number;
}

/** The Chromium processes below this one: every descendant, and whether it is the GPU process. */
function descendants(): { pid: number; gpu: boolean }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().trim().split('\n');
  const processes = rows.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)).filter((m): m is RegExpMatchArray => m !== null);
  const found: { pid: number; gpu: boolean }[] = [];
  const walk = (parent: number) =>
    processes.filter((m) => Number(m[2]) === parent).forEach((m) => {
      found.push({ pid: Number(m[1]), gpu: m[3].includes('--type=gpu-process') });
      walk(Number(m[1]));
    });
  walk(process.pid);
  return found;
}

let ticksPerSecond = 0;

/** User and system time so far of the processes this one started (those that have exited are not counted). */
export function browserCpuTimes(): CpuTimes | null {
  if (process.platform !== 'linux') return null;
  ticksPerSecond ||= Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100;
  const times = { gpuMs: 0, allMs: 0 };
  for (const { pid, gpu } of descendants()) {
    let fields: string[];
    try {
      // Fields after the command name: utime and stime are the 14th and 15th of /proc/PID/stat (proc(5)).
      fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    } catch {
      continue;
    }
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    times.allMs += ms;
    if (gpu) times.gpuMs += ms;
  }
  return times;
}
