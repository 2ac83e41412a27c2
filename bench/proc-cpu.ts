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

/**
 * Milliseconds of CPU (user + system) used so far by `root` and its descendants, including children that have
 * exited and were reaped by a process of the tree (their time is in the reaper's cutime/cstime), by process
 * kind: the extension's own process (its service worker and pages) apart from the browser process (which runs
 * the cookie store and storage.local) and the pages' renderers.
 */
export function treeCpuParts(root: number): Record<ProcessKind, number> {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14–17.
    parent.set(Number(entry), Number(f[1]));
    ticks.set(Number(entry), Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
  }
  const parts: Record<ProcessKind, number> = { browser: 0, extension: 0, renderer: 0, gpu: 0, network: 0, storage: 0, other: 0 };
  for (const [pid, t] of ticks) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== root) p = parent.get(p);
    if (p === root) parts[kindOf(pid, root)] += (t * 1000) / hz();
  }
  if (!ticks.has(root)) throw new Error(`process ${root} is not running`);
  return parts;
}

/**
 * CPU ms so far of the threads of `root`'s extension processes, by thread name (/proc/PID/task/TID/comm): tells
 * the service worker's own thread (its JavaScript) from the IPC and main threads every event passes through.
 */
export function extensionThreadCpu(root: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || kindOf(Number(entry), root) !== 'extension') continue;
    let ancestor = Number(entry);
    while (ancestor > 1 && ancestor !== root) {
      try {
        const stat = readFileSync(`/proc/${ancestor}/stat`, 'utf8');
        ancestor = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      } catch {
        break;
      }
    }
    if (ancestor !== root) continue;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${entry}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const name = readFileSync(`/proc/${entry}/task/${tid}/comm`, 'utf8').trim().replace(/\d+$/, '#');
        const stat = readFileSync(`/proc/${entry}/task/${tid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out[name] = (out[name] ?? 0) + ((Number(f[11]) + Number(f[12])) * 1000) / hz();
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return out;
}
