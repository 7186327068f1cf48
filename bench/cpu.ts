// CPU time of the benchmark's processes, read from /proc (Linux), so each run can say where the
// time of an answer went: the server, the database, or the load client on the same cores.
import fs from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux that Node supports). */
const TICK_MS = 10;

const readable = fs.existsSync('/proc/self/stat');

/** A process's user and system CPU time in ms (all its threads); null once it is gone. */
function processCpuMs(pid: number): number | null {
  try {
    // The command name (field 2) can hold spaces and parentheses: the fields after it follow the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** The pids of every process named `postgres` (the server and its backends). */
function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The machine's busy CPU time in ms, over all cores (from /proc/stat: everything but idle and iowait). */
function machineBusyMs(): number {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = cpu.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks;
  return (user + nice + system + irq + softirq + (steal ?? 0)) * TICK_MS;
}

export interface CpuSample {
  at: number;
  processes: Map<string, Map<number, number>>;
  machine: number;
}

/** Named groups of processes to account (`postgres` finds the database's processes by name). */
export type CpuGroups = Record<string, number[] | 'postgres'>;

export function sampleCpu(groups: CpuGroups): CpuSample | null {
  if (!readable) return null;
  const processes = new Map<string, Map<number, number>>();
  for (const [name, pids] of Object.entries(groups)) {
    const times = new Map<number, number>();
    for (const pid of pids === 'postgres' ? postgresPids() : pids) {
      const ms = processCpuMs(pid);
      if (ms !== null) times.set(pid, ms);
    }
    processes.set(name, times);
  }
  return { at: performance.now(), processes, machine: machineBusyMs() };
}

/** CPU ms each group used between two samples (a process that started meanwhile counts from zero), the machine's busy ms, and the seconds between. */
function cpuBetween(before: CpuSample, after: CpuSample): { groups: Record<string, number>; machine: number; seconds: number } {
  const groups: Record<string, number> = {};
  for (const [name, times] of after.processes) {
    let used = 0;
    for (const [pid, ms] of times) used += ms - (before.processes.get(name)?.get(pid) ?? 0);
    groups[name] = used;
  }
  return { groups, machine: after.machine - before.machine, seconds: (after.at - before.at) / 1000 };
}

/** Adds up the CPU of several turns of one side. */
export class CpuTally {
  private readonly used: Record<string, number> = {};
  /** The machine's busy CPU ms over the turns. */
  private machine = 0;
  private seconds = 0;
  private answers = 0;

  add(before: CpuSample | null, after: CpuSample | null, answers: number): void {
    if (!before || !after) return;
    const { groups, machine, seconds } = cpuBetween(before, after);
    for (const [name, ms] of Object.entries(groups)) this.used[name] = (this.used[name] ?? 0) + ms;
    this.machine += machine;
    this.seconds += seconds;
    this.answers += answers;
  }

  /** Each group's CPU ms an answer and share of one core, then the machine's cores busy; empty without /proc. */
  describe(): string {
    if (!this.answers || !this.seconds) return '';
    const parts = Object.entries(this.used).map(([name, ms]) => `${name} ${(ms / this.answers).toFixed(2)} ms (${Math.round(ms / this.seconds / 10)}% of a core)`);
    return `${parts.join(', ')}; ${(this.machine / 1000 / this.seconds).toFixed(2)} of ${os.availableParallelism()} cores busy`;
  }
}
