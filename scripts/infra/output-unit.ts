/**
 * A run's outputs as one unit. While a run holds them, a lock beside each target refuses a second run on the
 * same files; a lock whose process is gone (a killed run) is taken over. The files are staged in memory,
 * written to temporary files beside their targets, and renamed into place only when every one is written:
 * an error or a signal before that removes the temporary files and leaves every target as it was; a signal
 * during the renames (milliseconds) waits for them to finish. So the targets change all together or not at
 * all, and no temporary file outlives the run. Temporary files left by a run killed outright (SIGKILL) are
 * removed by the next run that takes the lock.
 */
import { closeSync, fsyncSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.js';
import { temporaryPathFor } from './atomic-write.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_EXIT: Record<(typeof SIGNALS)[number], number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function lockPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a temporary file's name carries (`.NAME.PID.TIME.tmp`, see temporaryPathFor). */
function pidOfTemporary(name: string): number {
  const match = /\.(\d+)\.\d+\.tmp$/.exec(name);
  return match ? Number(match[1]) : NaN;
}

export class OutputUnit {
  private readonly locks: string[] = [];
  private readonly staged = new Map<string, string | Uint8Array>();
  private readonly temporaries = new Set<string>();
  private committing = false;
  private pendingSignal: (typeof SIGNALS)[number] | null = null;
  private readonly onSignal = (signal: (typeof SIGNALS)[number]) => {
    if (this.committing) {
      this.pendingSignal = signal;
      return;
    }
    this.cleanUp();
    process.stderr.write(`\ninterrupted (${signal}): no output was changed\n`);
    process.exit(SIGNAL_EXIT[signal]);
  };
  private readonly onExit = () => this.cleanUp();

  private constructor(readonly targets: readonly string[]) {}

  /** Locks every target, or none: refuses when a live run holds one of them. */
  static acquire(targets: readonly string[]): OutputUnit {
    const unit = new OutputUnit([...new Set(targets)]);
    for (const signal of SIGNALS) process.on(signal, unit.onSignal);
    process.on('exit', unit.onExit);
    try {
      for (const target of unit.targets) unit.lock(target);
      for (const target of unit.targets) removeStaleTemporaries(target);
    } catch (error) {
      unit.release();
      throw error;
    }
    return unit;
  }

  private lock(target: string): void {
    const path = lockPathFor(target);
    mkdirSync(dirname(path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        this.locks.push(path);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError({ file: target }, `cannot be locked for writing (${(error as NodeJS.ErrnoException).code ?? String(error)} on ${path})`);
        const holder = Number(readText(path).trim());
        if (isAlive(holder)) {
          throw new InputError({ file: target }, `is being written by another run (process ${holder}, lock ${path}); wait for it to finish, or give this run other outputs`);
        }
        // The run that left it was killed: its lock holds nothing.
        rmSync(path, { force: true });
      }
    }
    throw new InputError({ file: target }, `cannot be locked for writing (${path} keeps coming back)`);
  }

  /** Adds a file to the unit; nothing is written before commit. */
  stage(path: string, data: string | Uint8Array): void {
    if (!this.targets.includes(path)) throw new Error(`${path} is not one of this unit's locked targets`);
    this.staged.set(path, data);
  }

  /** Writes every staged file beside its target, then renames them all into place. */
  commit(): void {
    try {
      const written: [string, string][] = [];
      for (const [path, data] of this.staged) {
        const temporary = temporaryPathFor(path);
        this.temporaries.add(temporary);
        writeDurably(temporary, data);
        written.push([temporary, path]);
      }
      this.committing = true;
      for (const [temporary, path] of written) {
        renameSync(temporary, path);
        this.temporaries.delete(temporary);
      }
    } finally {
      this.committing = false;
      this.removeTemporaries();
    }
    if (this.pendingSignal) this.onSignal(this.pendingSignal);
  }

  /** Removes the locks and any temporary file; the staged files that were not committed are dropped. */
  release(): void {
    this.cleanUp();
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    process.off('exit', this.onExit);
  }

  private removeTemporaries(): void {
    for (const temporary of this.temporaries) rmSync(temporary, { force: true });
    this.temporaries.clear();
  }

  private cleanUp(): void {
    this.removeTemporaries();
    for (const lock of this.locks.splice(0)) rmSync(lock, { force: true });
  }
}

function writeDurably(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Temporary files of this target whose run is gone (killed before it could remove them). */
function removeStaleTemporaries(target: string): void {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp') && !isAlive(pidOfTemporary(name))) rmSync(join(dirname(target), name), { force: true });
  }
}
