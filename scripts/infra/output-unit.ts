/**
 * A run's outputs as one unit. While a run holds them, a lock per target refuses a second run on the same
 * files. On Linux the lock is a socket in the abstract namespace, which the kernel removes with its process,
 * however it ends (even SIGKILL): a killed run leaves no lock behind. Elsewhere it is a pid file beside the
 * target, taken over when its process is gone.
 *
 * The files are staged in memory and, at commit, written to temporary files beside their targets, then
 * renamed into place only when every one is written. An error before that removes the temporary files and
 * leaves every target as it was; a signal while they are written removes them too, and a signal during the
 * renames (milliseconds) waits for them to finish. So the targets change all together or not at all, and
 * no temporary file outlives the run. Before the commit nothing is on disk, so a signal ends the run at
 * once, as it would any program. Temporary files of a run killed outright during its commit are removed by
 * the next run that takes the lock.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { basename, dirname, join, resolve } from 'node:path';
import { temporaryPathFor } from './atomic-write.js';
import { InputError } from './errors.js';

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

/** The kernel-held lock of one target: a listening socket in Linux's abstract namespace, named after the path. */
function listenAbstract(target: string): Promise<Server | null> {
  const name = `\0survey-segments:${createHash('sha256').update(resolve(target)).digest('hex')}`;
  return new Promise((resolvePromise, reject) => {
    const server = createServer((socket) => socket.end(`${process.pid}\n`));
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolvePromise(null) : reject(error),
    );
    server.listen({ path: name, exclusive: true }, () => {
      server.unref();
      resolvePromise(server);
    });
  });
}

const KERNEL_LOCKS = process.platform === 'linux';

export class OutputUnit {
  private readonly locks: string[] = [];
  private readonly servers: Server[] = [];
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
    process.stderr.write(
      `\ninterrupted (${signal}): ${this.committed ? 'after every output was written' : 'no output was changed'}\n`,
    );
    process.exit(SIGNAL_EXIT[signal]);
  };
  private handlingSignals = false;
  private committed = false;
  private readonly onExit = () => this.cleanUp();

  private constructor(readonly targets: readonly string[]) {}

  /** Locks every target, or none: refuses when a live run holds one of them. */
  static async acquire(targets: readonly string[]): Promise<OutputUnit> {
    const unit = new OutputUnit([...new Set(targets)]);
    process.on('exit', unit.onExit);
    try {
      for (const target of unit.targets) await unit.lock(target);
      for (const target of unit.targets) removeStaleTemporaries(target);
    } catch (error) {
      unit.release();
      throw error;
    }
    return unit;
  }

  private async lock(target: string): Promise<void> {
    if (KERNEL_LOCKS) {
      const server = await listenAbstract(target);
      if (!server)
        throw new InputError(
          { file: target },
          'is being written by another run, which holds its lock; wait for it to finish, or give this run other outputs',
        );
      this.servers.push(server);
      return;
    }
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
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
          throw new InputError(
            { file: target },
            `cannot be locked for writing (${(error as NodeJS.ErrnoException).code ?? String(error)} on ${path})`,
          );
        const holder = Number(readText(path).trim());
        if (isAlive(holder)) {
          throw new InputError(
            { file: target },
            `is being written by another run (process ${holder}, lock ${path}); wait for it to finish, or give this run other outputs`,
          );
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
    this.handleSignals(true);
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
    this.committed = true;
    if (this.pendingSignal) this.onSignal(this.pendingSignal);
  }

  /** Signal handlers from the commit on (until release); before it a signal ends the process as usual. */
  private handleSignals(on: boolean): void {
    if (on === this.handlingSignals) return;
    this.handlingSignals = on;
    for (const signal of SIGNALS) (on ? process.on : process.off).call(process, signal, this.onSignal);
  }

  /** Removes the locks and any temporary file; the staged files that were not committed are dropped. */
  release(): void {
    this.cleanUp();
    this.handleSignals(false);
    process.off('exit', this.onExit);
  }

  private removeTemporaries(): void {
    for (const temporary of this.temporaries) removeQuietly(temporary);
    this.temporaries.clear();
  }

  private cleanUp(): void {
    this.removeTemporaries();
    for (const lock of this.locks.splice(0)) removeQuietly(lock);
    for (const server of this.servers.splice(0)) server.close();
  }
}

/** Clean-up must not throw over the error that caused it (a directory that became a file, say). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing of ours is left there to remove.
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
    if (name.startsWith(prefix) && name.endsWith('.tmp') && !isAlive(pidOfTemporary(name)))
      rmSync(join(dirname(target), name), { force: true });
  }
}
