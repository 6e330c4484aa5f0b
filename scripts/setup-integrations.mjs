#!/usr/bin/env node
// Prepares what test/integration needs, idempotently:
//   1. `npm ci` in test/integration/tools (the pinned editor language server, SARIF formatter, oxlint,
//      husky, lint-staged) when its node_modules is missing or stale;
//   2. `dist/` built from `src/` when a source file is newer than the build (consumers and every
//      tool load the built plugin, never the TypeScript sources).
// Safe to run from several processes at once: a lock directory serialises them.
// Usage: node scripts/setup-integrations.mjs   (test/integration/helpers.ts calls it from beforeAll)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(rootDir, 'test', 'integration', 'tools');
const stampFile = path.join(toolsDir, 'node_modules', '.integration-stamp');
const lockDir = path.join(rootDir, 'node_modules', '.integration-setup.lock');
const log = (msg) => console.log(`[setup-integrations] ${msg}`);

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock(fn) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock older than 10 minutes belongs to a process that died.
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs > 10 * 60_000) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function run(cmd, args, cwd) {
  // npm exports npm_* variables to scripts; they must not leak into the nested install.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(package_|lifecycle_|config_(local_prefix|prefix|global_prefix)$)/i.test(k)));
  const res = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited with ${res.status ?? res.signal}`);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

withLock(() => {
  const hash = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) hash.update(readFileSync(path.join(toolsDir, f)));
  hash.update(`${process.version} ${process.platform} ${process.arch}`);
  const stamp = hash.digest('hex').slice(0, 16);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    log('test/integration/tools is up to date');
  } else {
    const t0 = Date.now();
    log('installing test/integration/tools with npm ci');
    run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], toolsDir);
    writeFileSync(stampFile, stamp);
    log(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  const built = path.join(rootDir, 'dist', 'index.js');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt >= newestMtime(path.join(rootDir, 'src'))) {
    log('dist/ is up to date');
  } else {
    const t0 = Date.now();
    run(process.execPath, [path.join(rootDir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], rootDir);
    log(`built dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
});
