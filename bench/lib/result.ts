/** One line of bench/results/latest.json. `ratio = value / baseline`, both measured in the same run. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline: number;
  ratio: number;
  /** The ratio the issue asks for. */
  target: number;
  better: "higher" | "lower";
}

export function benchResult(input: Omit<BenchResult, "ratio">): BenchResult {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { ...input, value: round(input.value), baseline: round(input.baseline), ratio: round(input.value / input.baseline) };
}

export function meetsTarget(result: BenchResult): boolean {
  return result.better === "higher" ? result.ratio >= result.target : result.ratio <= result.target;
}

/** A group of measurements that share a setup (a database, a running app). */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchResult[]>;
}
