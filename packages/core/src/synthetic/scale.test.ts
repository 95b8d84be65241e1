import { describe, expect, it } from 'vitest';
import { generateReports } from './reports';

const MB = 1024 * 1024;

describe('generating at benchmark scale', () => {
  it('streams 100 000 reports with a flat heap, fast enough to feed the intake benchmarks', () => {
    const heap: number[] = [];
    let bytes = 0;
    let count = 0;
    const started = performance.now();
    for (const report of generateReports({ seed: 'scale', count: 100_000 })) {
      bytes += report.xml.length;
      if (++count % 10_000 === 0) heap.push(process.memoryUsage().heapUsed);
    }
    const seconds = (performance.now() - started) / 1000;
    const perSecond = Math.round(count / seconds);
    console.log(
      `synthetic reports: ${count} in ${seconds.toFixed(2)} s = ${perSecond}/s, ${Math.round(bytes / count)} chars each, ` +
        `heap ${heap.map((h) => Math.round(h / MB)).join(' → ')} MB`,
    );
    // Holding them would take well over 300 MB; a lazy generator stays near its starting heap.
    expect(Math.max(...heap) - Math.min(...heap)).toBeLessThan(96 * MB);
    // A floor against accidental quadratic work, not the target (> 30 000/s idle): CI runners are busy.
    expect(perSecond).toBeGreaterThan(2_000);
  }, 120_000);
});
