#!/usr/bin/env node
// Prepares test/orms (the real ORM packages used by test/runtime) before the test suite runs.
//
//   1. `npm ci` in test/orms when its node_modules is missing or was installed from another
//      package.json / package-lock.json / Node ABI. The native drivers (better-sqlite3, sqlite3) are
//      built from source (no prebuilt binary can be downloaded here): `npm ci --ignore-scripts`, then
//      `npm rebuild` of both drivers in parallel. (A plain `npm ci` builds them too, one after the
//      other, because test/orms/package.json approves them in npm 11's "allowScripts".) Afterwards
//      both binaries are loaded once to prove they work.
//   2. Generates the Prisma 7 client (generator "prisma-client") from test/orms/prisma/schema.prisma
//      into test/orms/generated/prisma, offline, then transpiles its .ts files to .js next to them so
//      plain Node can import it.
//
// Idempotent: a stamp (test/orms/.setup-stamp) records what was done; a second run with nothing
// changed does no work. Set ORM_SETUP_FORCE=1 to redo everything.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ormsDir = path.join(rootDir, 'test', 'orms');
const stampFile = path.join(ormsDir, '.setup-stamp');
const schemaFile = path.join(ormsDir, 'prisma', 'schema.prisma');
const prismaOut = path.join(ormsDir, 'generated', 'prisma');
const force = process.env.ORM_SETUP_FORCE === '1';

const started = Date.now();
const log = (msg) => console.log(`[setup-orms] ${msg}`);

function hashFiles(files, extra = []) {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f);
    h.update(existsSync(f) ? readFileSync(f) : 'missing');
  }
  for (const e of extra) h.update(String(e));
  return h.digest('hex').slice(0, 16);
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return {};
  }
}

// Environment for child npm/prisma processes: when this script runs as the root `pretest`, npm has
// put npm_* variables (the root package's prefix, lifecycle event, ...) into the environment; they
// must not leak into the nested `npm ci`.
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|config_(local_prefix|prefix|global_prefix)$)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runAsync(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

function acquireLock() {
  const staleMs = 20 * 60 * 1000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    try {
      if (Date.now() - statSync(lockDir).mtimeMs > staleMs) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
    } catch {
      continue; // released between mkdir and stat
    }
    if (!announced) log('another setup is running; waiting for it');
    announced = true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
  }
}

// Several test files (vitest workers) may call this script at once: serialise with a lock
// directory; whoever waits re-reads the stamp afterwards and usually finds nothing left to do.
const lockDir = path.join(ormsDir, '.setup-lock');
acquireLock();
process.on('exit', () => rmSync(lockDir, { recursive: true, force: true }));

const stamp = readStamp();
const nextStamp = { ...stamp };

// ---------------------------------------------------------------------------------------------
// 1. dependencies
const depsHash = hashFiles(
  [path.join(ormsDir, 'package.json'), path.join(ormsDir, 'package-lock.json')],
  [process.version, process.platform, process.arch],
);
const nativeBinaries = [
  path.join(ormsDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  path.join(ormsDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
];
const depsReady =
  !force &&
  stamp.deps === depsHash &&
  existsSync(path.join(ormsDir, 'node_modules', '.package-lock.json')) &&
  nativeBinaries.every((f) => existsSync(f));

if (depsReady) {
  log('test/orms/node_modules is up to date');
} else {
  log('installing test/orms dependencies: npm ci, then better-sqlite3 and sqlite3 are built from source in parallel (~1.5 min on 2 cores)');
  const t0 = Date.now();
  // Plain `npm ci` would also work (test/orms/package.json approves both drivers in "allowScripts",
  // and denies the Prisma download scripts) but runs the two ~60 s compiles one after the other.
  // Installing without scripts and rebuilding the two approved packages side by side halves that.
  run(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: ormsDir, env: childEnv() });
  await Promise.all(
    ['better-sqlite3', 'sqlite3'].map((pkg) =>
      runAsync(npm, ['rebuild', pkg, '--no-audit', '--no-fund'], { cwd: ormsDir, env: childEnv() }),
    ),
  );
  const missing = nativeBinaries.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(
      `native driver binaries missing after npm ci: ${missing.map((f) => path.relative(rootDir, f)).join(', ')}.\n` +
        'npm 11 skips dependency install scripts that are not approved: check "allowScripts" in test/orms/package.json.',
    );
  }
  // Load both drivers once: a binary built for another Node ABI fails here rather than in a test.
  run(
    process.execPath,
    [
      '-e',
      "const B=require('better-sqlite3');const d=new B(':memory:');d.prepare('select 1').get();d.close();" +
        "const s=require('sqlite3');new s.Database(':memory:').close();",
    ],
    { cwd: ormsDir },
  );
  nextStamp.deps = depsHash;
  delete nextStamp.prisma; // a new @prisma/client needs a regenerated client
  writeFileSync(stampFile, JSON.stringify(nextStamp, null, 2) + '\n');
  log(`dependencies installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// 2. Prisma client
const prismaHash = hashFiles([schemaFile, path.join(ormsDir, 'node_modules', '@prisma', 'client', 'package.json')]);
const prismaReady =
  !force && nextStamp.prisma === prismaHash && existsSync(path.join(prismaOut, 'client.js'));

if (prismaReady) {
  log('Prisma client is up to date');
} else {
  const t0 = Date.now();
  rmSync(prismaOut, { recursive: true, force: true });
  const prismaCli = path.join(ormsDir, 'node_modules', 'prisma', 'build', 'index.js');
  run(process.execPath, [prismaCli, 'generate', '--schema', schemaFile], {
    cwd: ormsDir,
    env: childEnv({
      // `prisma generate` first tries to download a native schema engine, which fails offline.
      // Pointing this at any existing file skips the download; generation itself runs in Wasm.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      CHECKPOINT_DISABLE: '1',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    }),
  });
  transpilePrismaClient();
  nextStamp.prisma = prismaHash;
  writeFileSync(stampFile, JSON.stringify(nextStamp, null, 2) + '\n');
  log(`Prisma client generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// The prisma-client generator writes TypeScript only. Keep the .ts (types for examples) and add a
// .js beside each file (its imports already end in .js: importFileExtension = "js").
function transpilePrismaClient() {
  const requireFromRoot = createRequire(path.join(rootDir, 'package.json'));
  let ts;
  try {
    ts = requireFromRoot('typescript');
  } catch {
    throw new Error('the root devDependency "typescript" is needed to transpile the Prisma client: run npm ci in the repository root first');
  }
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(full);
    }
  };
  walk(prismaOut);
  for (const file of files) {
    const out = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        isolatedModules: true,
        verbatimModuleSyntax: false,
        sourceMap: false,
      },
      reportDiagnostics: false,
    });
    writeFileSync(file.replace(/\.ts$/, '.js'), out.outputText);
  }
}
