// `npm run bench`: runs every suite and writes bench/results/latest.json
// (an array of {name, unit, value, baseline, ratio, target, better}) and
// bench/results/machine.json (where it ran). `npm run bench -- feed` runs the
// suites whose name contains "feed" and replaces only their lines.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { meetsTarget, type BenchResult } from "./lib/result";
import { suites } from "./suites";

const filter = process.argv[2];
const selected = suites.filter((suite) => !filter || suite.name.includes(filter));
const results: BenchResult[] = [];
for (const suite of selected) {
  console.log(`== ${suite.name}`);
  for (const result of await suite.run()) {
    results.push(result);
    const verdict = meetsTarget(result) ? "meets" : "MISSES";
    console.log(
      `${result.name}: ${result.value} ${result.unit} vs ${result.baseline} (ratio ${result.ratio}, ${verdict} target ${result.better === "higher" ? "≥" : "≤"} ${result.target})`,
    );
  }
}

const folder = path.join(import.meta.dirname, "results");
mkdirSync(folder, { recursive: true });
const latest = path.join(folder, "latest.json");
// A partial run keeps the other suites' last results.
const kept: BenchResult[] =
  filter && existsSync(latest)
    ? (JSON.parse(readFileSync(latest, "utf8")) as BenchResult[]).filter((old) => !results.some((r) => r.name === old.name))
    : [];
writeFileSync(latest, `${JSON.stringify([...kept, ...results], null, 2)}\n`);
writeFileSync(
  path.join(folder, "machine.json"),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    null,
    2,
  )}\n`,
);
console.log(`${results.length} results written to bench/results/latest.json`);
