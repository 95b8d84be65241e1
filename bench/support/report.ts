/** What a benchmark measured: ours against a baseline taken in the same run. */
export type BenchResult = {
  name: string;
  value: number;
  baseline: number;
  /** Unit of both figures; higher is better (a rate). */
  unit: string;
  /** Extra figures worth printing before the result line. */
  notes?: string[];
};

export type Benchmark = { name: string; description: string; run(): Promise<BenchResult> };

const format = (value: number) => (value >= 100 ? Math.round(value).toString() : value.toPrecision(3));

/** The contract's last line: `NAME: VALUE UNIT; baseline VALUE UNIT; ratio R`. */
export function resultLine(result: BenchResult): string {
  const ratio = result.value / result.baseline;
  return `${result.name}: ${format(result.value)} ${result.unit}; baseline ${format(result.baseline)} ${result.unit}; ratio ${ratio.toFixed(2)}`;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
