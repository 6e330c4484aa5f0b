// The corpus of real third-party code that the crash/fix-output tests and `npm run bench` lint: the
// JavaScript/TypeScript files of the ORM packages installed in test/orms/node_modules (by
// scripts/setup-orms.mjs). Which packages count as ORM packages comes from the analyzer's ORM modules
// (`OrmModule.packages`), passed in by the caller, so a new ORM module widens the corpus by itself.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** test/orms/node_modules, or the folder named by ORM_CORPUS_DIR. */
export function corpusRoot() {
  return path.resolve(process.env.ORM_CORPUS_DIR ?? path.join(repoRoot, 'test', 'orms', 'node_modules'));
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * Installed package folders for package specifiers as written in `OrmModule.packages`: `'typeorm'`,
 * `'@mikro-orm/'` (every package of the scope). Specifiers that are not installed are skipped;
 * `.prisma/client` style paths are not packages and are skipped too.
 * @param {string} root
 * @param {readonly string[]} specifiers
 * @returns {{ name: string, dir: string }[]}
 */
export function installedPackages(root, specifiers) {
  const found = new Map();
  for (const spec of specifiers) {
    if (spec.startsWith('.')) continue;
    if (spec.endsWith('/')) {
      const scopeDir = path.join(root, spec);
      if (!existsSync(scopeDir)) continue;
      for (const name of readdirSync(scopeDir).sort()) {
        const dir = path.join(scopeDir, name);
        if (existsSync(path.join(dir, 'package.json'))) found.set(`${spec}${name}`, dir);
      }
    } else {
      const dir = path.join(root, spec);
      if (existsSync(path.join(dir, 'package.json'))) found.set(spec, dir);
    }
  }
  return [...found].map(([name, dir]) => ({ name, dir }));
}

/**
 * Every .js/.mjs/.cjs/.jsx/.ts/.mts/.cts/.tsx file (declarations included) of a package, without its
 * nested node_modules, sorted by path.
 * @param {string} dir
 * @returns {{ file: string, bytes: number, declaration: boolean }[]}
 */
export function packageFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
        out.push({ file: full, bytes: statSync(full).size, declaration: DECLARATION_FILE.test(entry.name) });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A stable number in [0, 1) for a path relative to the corpus root: the same sample on every machine. */
function stableFraction(relativePath) {
  return createHash('sha1').update(relativePath.split(path.sep).join('/')).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * A deterministic sample of each package: the `fraction` of its files with the lowest stable hash of
 * their path (at least one file per package), so every package is represented, the sample is the
 * same on every run, and adding a file changes it by at most that file.
 * @template {{ file: string }} T
 * @param {T[]} files
 * @param {string} root
 * @param {number} fraction
 * @returns {T[]}
 */
export function samplePackage(files, root, fraction) {
  if (fraction >= 1) return files;
  const take = Math.max(1, Math.ceil(files.length * fraction));
  const ranked = files.map((f) => ({ f, h: stableFraction(path.relative(root, f.file)) })).sort((a, b) => a.h - b.h);
  const chosen = new Set(ranked.slice(0, take).map((r) => r.f));
  return files.filter((f) => chosen.has(f));
}

/**
 * `type` of the nearest package.json: how Node (and so ESLint users) treat a `.js` file.
 * @param {string} file
 * @param {Map<string, 'module' | 'commonjs'>} [cache]
 * @returns {'module' | 'commonjs'}
 */
export function nearestPackageType(file, cache = new Map()) {
  const seen = [];
  let dir = path.dirname(file);
  let type = 'commonjs';
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      type = cached;
      break;
    }
    seen.push(dir);
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        type = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        type = 'commonjs';
      }
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const d of seen) cache.set(d, type);
  return type;
}
