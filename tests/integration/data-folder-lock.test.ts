import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { lockFileName } from "~db/data-lock";
import { createTestDataFolder } from "../support/database";
import { clockEnvironment } from "../../scripts/lib/run-app";

const root = path.resolve(import.meta.dirname, "../..");

/** Every file's path, size and content hash: any write by the refused process would show. */
function fingerprint(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(folder, full)] = `${statSync(full).size}:${createHash("sha1").update(readFileSync(full)).digest("hex")}`;
    }
  };
  walk(folder);
  return files;
}

function run(args: string[], dataDir: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, ...clockEnvironment(), NODE_ENV: "production", DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("one process per embedded data folder", () => {
  let dataDir: string;
  let holder: ChildProcess | undefined;

  beforeAll(async () => {
    const folder = await createTestDataFolder();
    dataDir = folder.dataDir;
    await folder.database.close();
  });
  afterAll(() => {
    holder?.kill("SIGKILL");
  });

  test("a second process exits at once, naming the holder, and leaves the folder as it was", async () => {
    holder = run(["tests/support/hold-data-folder.ts", dataDir], dataDir);
    await new Promise<void>((resolve) => holder!.stdout!.once("data", () => resolve()));
    const before = fingerprint(dataDir);
    expect(JSON.parse(readFileSync(path.join(dataDir, lockFileName), "utf8"))).toMatchObject({ pid: holder.pid });

    for (const command of [["scripts/db.ts", "migrate"], ["scripts/db.ts", "seed"], ["tests/support/worker-process.ts"]]) {
      const started = Date.now();
      const { code, stderr } = await finished(run(command, dataDir));
      expect(code).toBe(1);
      expect(stderr).toContain(
        `The data folder ${dataDir} is in use by process ${holder.pid} (${process.execPath} tests/support/hold-data-folder.ts ${dataDir})`,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(fingerprint(dataDir)).toEqual(before);
    }
  });

  test("the lock of a process that died is taken over, and released at exit", async () => {
    holder!.kill("SIGKILL");
    await new Promise((resolve) => holder!.once("exit", resolve));
    holder = undefined;
    expect(existsSync(path.join(dataDir, lockFileName))).toBe(true);

    const { code, stdout } = await finished(run(["scripts/db.ts", "migrate"], dataDir));
    expect(code).toBe(0);
    expect(stdout).toContain(`Nothing to migrate on the embedded database in ${dataDir}.`);
    expect(existsSync(path.join(dataDir, lockFileName))).toBe(false);
  });
});
