import fs from 'node:fs';
import path from 'node:path';

/** CPU seconds used by this process (every thread), for a benchmark's notes. */
export function processCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * CPU seconds used so far by a PostgreSQL server started from `dataDir` (the postmaster and
 * every backend and helper process it runs), read from /proc; null where there is no /proc
 * or the server is not a local child (BANTAY_BENCH_DATABASE_URL).
 */
export function databaseCpuSeconds(dataDir: string): number | null {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const ticks = 100; // USER_HZ on Linux
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
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
      // The postmaster also carries what its ended backends used (children's user and system time).
      if (pid === postmaster) total += (Number(fields[13]) + Number(fields[14])) / ticks;
    }
    return total;
  } catch {
    return null;
  }
}
