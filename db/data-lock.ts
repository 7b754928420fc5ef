import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The lock file inside an embedded data folder: who owns the folder now. */
export const lockFileName = "daymark.lock";

interface LockOwner {
  pid: number;
  command: string;
  since: string;
}

/** A second process asked for a data folder another process holds. */
export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${owner.pid} (${owner.command}), since ${owner.since}. ` +
        "Only one process may open an embedded database: stop that process first, or set DATA_DIR to another folder.",
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockOwner;
  } catch {
    // Missing, or half-written by a process that died while writing it.
    return undefined;
  }
}

/**
 * Takes the embedded data folder for this process before anything reads or
 * writes it: two PGlite instances on one folder corrupt it. The lock file is
 * created exclusively, so of two processes starting together one wins; a lock
 * left by a process that died (its pid is gone) is taken over. Returns the
 * release function; the lock also goes when the process exits.
 */
export function lockDataFolder(dataDir: string): () => void {
  const folder = path.resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, lockFileName);
  const mine: LockOwner = {
    pid: process.pid,
    // Paths inside the working folder relative, so the message stays short.
    command: process.argv
      .map((arg) => (arg.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), arg) : arg))
      .join(" ")
      .slice(0, 300),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner = readOwner(file);
    if (!owner) {
      // Perhaps created an instant ago and not yet written: look again before calling it stale.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      owner = readOwner(file);
    }
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) throw new DataFolderInUse(folder, owner);
    if (attempt > 0 && !owner) throw new Error(`Cannot take the lock ${file}: it cannot be read. Remove it if no process uses ${folder}.`);
    // Stale: moved aside atomically (one of two racing takers wins), then created afresh.
    try {
      renameSync(file, `${file}.stale-${process.pid}`);
      rmSync(`${file}.stale-${process.pid}`, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.once("exit", release);
  return release;
}
