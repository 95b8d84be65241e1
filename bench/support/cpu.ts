import fs from 'node:fs';
import path from 'node:path';

/** CPU seconds used by this process (every thread), for a benchmark's notes. */
export function processCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * CPU seconds used so far by each thread of this process, by thread id, read from /proc (empty
 * where there is none). Node names all its threads "node": the caller tells them apart by id
 * (the main thread's is the process id) and by what they used.
 */
export function threadCpuSeconds(): Map<number, number> {
  const threads = new Map<number, number>();
  try {
    for (const entry of fs.readdirSync('/proc/self/task')) {
      try {
        threads.set(Number(entry), ticksOf(fs.readFileSync(`/proc/self/task/${entry}/stat`, 'utf8')));
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // no /proc
  }
  return threads;
}

/**
 * Where a process's CPU went between two threadCpuSeconds readings: its main thread, its
 * busiest other thread (a benchmark's worker), and the rest (garbage collection helpers,
 * the libuv thread pool). Threads that ended meanwhile are not counted.
 */
export function threadCpuSplit(
  before: Map<number, number>,
  after: Map<number, number>,
): { main: number; busiest: number; rest: number } {
  const used = [...after].map(([tid, seconds]) => ({ tid, seconds: seconds - (before.get(tid) ?? 0) }));
  const main = used.find((t) => t.tid === process.pid)?.seconds ?? 0;
  const others = used.filter((t) => t.tid !== process.pid).sort((a, b) => b.seconds - a.seconds);
  const busiest = others[0]?.seconds ?? 0;
  return { main, busiest, rest: others.slice(1).reduce((sum, t) => sum + t.seconds, 0) };
}

/** User and system CPU seconds from a /proc stat line (fields after the command name). */
function ticksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

const USER_HZ = 100;

/**
 * CPU seconds used so far by a PostgreSQL server started from `dataDir` (the postmaster and
 * every backend and helper process it runs), read from /proc; null where there is no /proc
 * or the server is not a local child (BANTAY_BENCH_DATABASE_URL).
 */
export function databaseCpuSeconds(dataDir: string): number | null {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let total = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // the process ended meanwhile
      }
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const parent = Number(fields[1]);
      if (pid !== postmaster && parent !== postmaster) continue;
      total += ticksOf(stat);
      // The postmaster also carries what its ended backends used (children's user and system time).
      if (pid === postmaster) total += (Number(fields[13]) + Number(fields[14])) / USER_HZ;
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * Page faults taken so far by the whole machine, from /proc/vmstat; null where there is none.
 * On some virtual machines a fault costs ~10 µs (measured here: 11 µs a 4 kB page), enough to
 * move a memory-hungry benchmark's CPU by seconds: the notes show them beside its CPU.
 */
export function machinePageFaults(): number | null {
  try {
    const match = /^pgfault (\d+)$/m.exec(fs.readFileSync('/proc/vmstat', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** after - before, for readings that are null where they could not be taken. */
export function change(before: number | null, after: number | null): number | null {
  return before === null || after === null ? null : after - before;
}
