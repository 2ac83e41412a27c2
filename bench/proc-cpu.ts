// CPU time of a browser: its process and every descendant, read from /proc (Linux). Wall time on a shared
// 2-core machine is too noisy to rank extensions that differ by a few per cent; CPU time is what each costs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function hz(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** What a Chromium process is, from its command line (Chromium rewrites it as one string with spaces). */
export type ProcessKind = 'browser' | 'extension' | 'renderer' | 'gpu' | 'network' | 'storage' | 'other';

function kindOf(pid: number, root: number): ProcessKind {
  if (pid === root) return 'browser';
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return 'other';
  }
  if (cmd.includes('--extension-process')) return 'extension';
  if (cmd.includes('--type=renderer')) return 'renderer';
  if (cmd.includes('--type=gpu-process')) return 'gpu';
  if (cmd.includes('NetworkService')) return 'network';
  if (cmd.includes('StorageService')) return 'storage';
  return 'other';
}

/** The fields of a /proc stat file after the command name (which may hold spaces and parentheses), or null if gone. */
function statFields(path: string): string[] | null {
  try {
    const stat = readFileSync(path, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // exited meanwhile
  }
}

/**
 * Every process of `root`'s tree (root included) with its CPU ticks so far (user + system, and those of reaped
 * children). f[0] is stat field 3 (state): ppid is field 4, utime..cstime are fields 14–17.
 */
function treeTicks(root: number): Map<number, number> {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(`/proc/${entry}/stat`);
    if (!f) continue;
    parent.set(Number(entry), Number(f[1]));
    ticks.set(Number(entry), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
  }
  if (!ticks.has(root)) throw new Error(`process ${root} is not running`);
  const inTree = new Map<number, number>();
  for (const [pid, t] of ticks) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) inTree.set(pid, t);
  }
  return inTree;
}

/**
 * Milliseconds of CPU (user + system) used so far by `root` and its descendants, including children that have
 * exited and were reaped by a process of the tree (their time is in the reaper's cutime/cstime), by process
 * kind: the extension's own process (its service worker and pages) apart from the browser process (which runs
 * the cookie store and storage.local) and the pages' renderers.
 */
export function treeCpuParts(root: number): Record<ProcessKind, number> {
  const parts: Record<ProcessKind, number> = { browser: 0, extension: 0, renderer: 0, gpu: 0, network: 0, storage: 0, other: 0 };
  for (const [pid, t] of treeTicks(root)) parts[kindOf(pid, root)] += (t * 1000) / hz();
  return parts;
}

/**
 * CPU ms so far of the threads of `root`'s extension processes, by thread name (/proc/PID/task/TID/comm): tells
 * the service worker's own thread (its JavaScript) from the IPC and main threads every event passes through.
 */
export function extensionThreadCpu(root: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of treeTicks(root).keys()) {
    if (kindOf(pid, root) !== 'extension') continue;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const f = statFields(`/proc/${pid}/task/${tid}/stat`);
      let name: string;
      try {
        name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim().replace(/\d+$/, '#');
      } catch {
        continue; // the thread ended meanwhile
      }
      if (f) out[name] = (out[name] ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / hz();
    }
  }
  return out;
}
