/**
 * Checks of the paths a command reads and writes, made before any work: a run that would fail only at its
 * last step, after minutes of computing, fails at once instead, with a message naming the path and its flag.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InputError } from './errors.js';

const VIRTUAL_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/** `/proc`, `/sys` or `/dev` when the path (after its symbolic links) lies under one: their files are no survey and no place for output. */
export function virtualFileSystemOf(path: string): string | null {
  const real = realExistingPart(resolve(path));
  return VIRTUAL_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}/`)) ?? null;
}

/** The path with its deepest existing ancestor's symbolic links resolved. */
function realExistingPart(path: string): string {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    try {
      return resolve(realpathSync(at), ...missing.reverse());
    } catch {
      const parent = dirname(at);
      if (parent === at) return path;
      missing.push(basename(at));
      at = parent;
    }
  }
}

function where(flag: string, path: string): string {
  return `${path} (${flag})`;
}

/** A directory the command may write into: an existing writable directory, or one it can create. */
export function checkOutputDirectory(path: string, flag: string): void {
  refuseVirtual(path, flag);
  const stat = statOrNull(path);
  if (stat) {
    if (!stat.isDirectory())
      throw new InputError(
        { file: where(flag, path) },
        'is not a directory; expected a directory to write into (or a path to create one at)',
      );
    writable(path, flag, path);
    return;
  }
  writable(path, flag, nearestExistingAncestor(path, flag));
}

/** A file the command may write: an existing regular file in a writable directory, or a writable directory's new entry. */
export function checkOutputFile(path: string, flag: string): void {
  refuseVirtual(path, flag);
  const stat = statOrNull(path);
  if (stat && !stat.isFile()) {
    throw new InputError(
      { file: where(flag, path) },
      `is ${stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO' : 'not a regular file'}; expected a file to write (it is replaced as a whole)`,
    );
  }
  const parent = dirname(resolve(path));
  const parentStat = statOrNull(parent);
  if (parentStat && !parentStat.isDirectory())
    throw new InputError({ file: where(flag, path) }, `cannot be written: ${parent} is not a directory`);
  writable(path, flag, parentStat ? parent : nearestExistingAncestor(parent, flag));
}

function refuseVirtual(path: string, flag: string): void {
  const virtual = virtualFileSystemOf(path);
  if (virtual)
    throw new InputError(
      { file: where(flag, path) },
      `is under ${virtual}, which holds the system's own files; expected a place for output`,
    );
}

/** Files are written beside their targets and renamed, so the directory itself must be writable. */
function writable(path: string, flag: string, directory: string): void {
  try {
    accessSync(directory, constants.W_OK | constants.X_OK);
  } catch {
    throw new InputError(
      { file: where(flag, path) },
      directory === path
        ? 'is not writable (permission denied)'
        : `cannot be written: ${directory} is not writable (permission denied)`,
    );
  }
}

function nearestExistingAncestor(path: string, flag: string): string {
  let at = resolve(path);
  for (;;) {
    const parent = dirname(at);
    const stat = statOrNull(parent);
    if (stat) {
      if (!stat.isDirectory())
        throw new InputError({ file: where(flag, path) }, `cannot be created: ${parent} is not a directory`);
      return parent;
    }
    if (parent === at) return at;
    at = parent;
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
