#!/usr/bin/env node
// npm run bench [-- [folders…] [--runs N] [--paired-rounds N] [--typed-runs N] [--typed-max-files N] [--no-typed]
//                    [--no-non-orm] [--max-bytes N]]
//
// How much eslint-plugin-orm adds to ESLint, on real third-party code nobody here wrote:
//
//   1. Syntactic: plain ESLint with @typescript-eslint/parser and no rules, the same with one cheap core
//      rule (ESLint does less work when no rule at all is on, so this is the baseline of any real
//      config), and the same with `orm.configs.all`, run in rotation (plain/core/orm, core/orm/plain,
//      …) in fresh child processes; median wall time, CPU time and peak memory (maxRSS) of each, and
//      the ratios. The same on code that touches no ORM (ESLint's own lib/), where the rules should
//      cost nothing measurable.
//      Then the three in one process, file by file in turn (CPU time): on a machine busy with other
//      work these ratios are far steadier than the ones from separate runs.
//   2. Per-rule time from ESLint's `stats` (the data behind TIMING/--stats), over the same files.
//   3. Typed: the same files (at most --typed-max-files of them, evenly spread) in one TypeScript
//      program (a generated tsconfig, allowJs): typescript-eslint's `no-floating-promises` alone
//      against `orm.configs.all`, and against both together.
//
// The default corpus is the runtime code of the ORM packages in test/orms/node_modules (installed by
// scripts/setup-orms.mjs; the packages come from the analyzer's ORM modules): .js/.mjs/.cjs/.ts files,
// no declarations, no file over --max-bytes (generated bundles), one copy of each dual-build file
// (`x.js` beside `x.cjs`, `esm/` beside `cjs/`, typeorm's `browser/`). Folders given as arguments
// replace it (every JS/TS file under them except node_modules, dist and build folders).
// The plugin is loaded from dist/ (`npm run bench` builds it first).

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusRoot, installedPackages, packageFiles, repoRoot } from './corpus.mjs';

const self = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Child: lint a file list with one configuration and print what it cost.

const SYNTACTIC_MODES = ['plain', 'core', 'orm'];
const MODE_NAMES = {
  plain: 'plain ESLint, no rules',
  core: 'ESLint, one core rule (no-debugger)',
  orm: 'orm.configs.all',
  'typed-floating': '@typescript-eslint/no-floating-promises',
  'typed-orm': 'orm.configs.all',
  'typed-both': 'both',
};
const rotate = (list, by) => list.map((_, k) => list[(k + by) % list.length]);

async function configFor(mode, spec) {
  const tsParser = (await import('@typescript-eslint/parser')).default;
  const plugin = (await import(pathToFileURL(path.join(repoRoot, 'dist', 'index.js')).href)).default;
  const typed = mode.startsWith('typed-');
  const parserOptions = typed ? { project: spec.tsconfig, tsconfigRootDir: path.dirname(spec.tsconfig) } : {};
  const config = [
    { linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: { parser: tsParser, sourceType: 'module', parserOptions },
    },
    { files: ['**/*.{cjs,cts}'], languageOptions: { sourceType: 'commonjs' } },
  ];
  // ESLint with no rule at all does less work than with any rule (it also collects less garbage):
  // `core`, one cheap core rule, is the baseline of every real configuration.
  if (mode === 'core') config.push({ rules: { 'no-debugger': 'error' } });
  if (mode === 'orm' || mode === 'typed-orm' || mode === 'typed-both') config.push(plugin.configs.all);
  if (mode === 'typed-floating' || mode === 'typed-both') {
    const tseslint = (await import('typescript-eslint')).default;
    config.push({ plugins: { '@typescript-eslint': tseslint.plugin }, rules: { '@typescript-eslint/no-floating-promises': 'error' } });
  }
  return config;
}

/**
 * All syntactic configurations in one process, each file linted by each in turn (the order rotates
 * every file and every round): CPU time summed per configuration. Load from other processes then
 * falls on all alike, which separate runs cannot promise on a busy machine.
 */
async function pairedChild(spec) {
  const { ESLint } = await import('eslint');
  const modes = SYNTACTIC_MODES;
  const eslint = {};
  for (const mode of modes) eslint[mode] = new ESLint({ cwd: spec.cwd, overrideConfigFile: true, overrideConfig: await configFor(mode, spec), ignore: false });
  const texts = spec.files.map((file) => [file, readFileSync(file, 'utf8')]);
  const rounds = [];
  // Round 0 warms both configurations up (parsers loaded, code JIT-compiled) on a few files.
  for (let round = 0; round <= spec.rounds; round++) {
    const cpu = Object.fromEntries(modes.map((m) => [m, 0]));
    for (const [i, [file, text]] of (round === 0 ? texts.slice(0, 50) : texts).entries()) {
      for (const mode of rotate(modes, i + round)) {
        const c = process.cpuUsage();
        await eslint[mode].lintText(text, { filePath: file });
        const d = process.cpuUsage(c);
        cpu[mode] += (d.user + d.system) / 1000;
      }
    }
    if (round > 0) rounds.push(cpu);
  }
  process.stdout.write(JSON.stringify({ rounds }));
}

async function child(specFile) {
  const spec = JSON.parse(readFileSync(specFile, 'utf8'));
  if (spec.mode === 'paired') return pairedChild(spec);
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: spec.cwd, overrideConfigFile: true, overrideConfig: await configFor(spec.mode, spec), ignore: false, stats: spec.stats === true });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await eslint.lintFiles(spec.files);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const out = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    files: results.length,
    fatal: results.filter((r) => r.fatalErrorCount > 0).length,
    problems: results.reduce((n, r) => n + r.messages.filter((m) => m.ruleId !== null).length, 0),
  };
  if (spec.stats) {
    const rules = {};
    const perFileOrm = [];
    let parse = 0;
    let total = 0;
    for (const r of results) {
      let orm = 0;
      for (const pass of r.stats?.times.passes ?? []) {
        parse += pass.parse.total;
        total += pass.total;
        for (const [id, t] of Object.entries(pass.rules ?? {})) {
          rules[id] = (rules[id] ?? 0) + t.total;
          if (id.startsWith('orm/')) orm += t.total;
        }
      }
      perFileOrm.push({ file: path.relative(spec.cwd, r.filePath), ms: orm });
    }
    Object.assign(out, { rules, parse, total, perFileOrm });
  }
  process.stdout.write(JSON.stringify(out));
}

// ---------------------------------------------------------------------------------------------
// Parent.

const DUAL_BUILD_SEGMENT = /(?:^|\/)(?:esm|cjs|mjs|browser)(?=\/)/g;

/** The default corpus: runtime sources of the installed ORM packages, one copy per dual build. */
async function defaultCorpus(maxBytes) {
  const root = corpusRoot();
  if (!existsSync(root)) {
    throw new Error(`${root} is missing: run node scripts/setup-orms.mjs (or pass folders to lint)`);
  }
  const { ORM_MODULES } = await import(pathToFileURL(path.join(repoRoot, 'dist', 'analyzer', 'orm', 'index.js')).href);
  const packages = installedPackages(root, ORM_MODULES.flatMap((m) => m.packages));
  const files = [];
  const seen = new Set();
  let skippedBig = 0;
  let skippedTwins = 0;
  for (const pkg of packages) {
    for (const f of packageFiles(pkg.dir)) {
      if (f.declaration) continue;
      if (f.bytes > maxBytes) {
        skippedBig++;
        continue;
      }
      const rel = path.relative(root, f.file).split(path.sep).join('/');
      const key = rel.replace(DUAL_BUILD_SEGMENT, '').replace(/\.[cm]?[jt]s$/, '');
      if (seen.has(key)) {
        skippedTwins++;
        continue;
      }
      seen.add(key);
      files.push(f.file);
    }
  }
  const note = `runtime sources of ${packages.map((p) => p.name).join(', ')}; skipped ${skippedTwins} dual-build copies and ${skippedBig} files over ${maxBytes} bytes`;
  return { cwd: root, files, note };
}

/** Every JS/TS file under the given folders (not node_modules, dist, build, coverage). */
function folderCorpus(folders, maxBytes) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'build', 'coverage', '.git', '.next'].includes(entry.name)) walk(full);
      } else if (entry.isFile() && /\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) && statSync(full).size <= maxBytes) {
        files.push(full);
      }
    }
  };
  const absolute = folders.map((f) => path.resolve(f));
  for (const folder of absolute) walk(folder);
  // ESLint matches files relative to its cwd: use the folders' common ancestor.
  let cwd = absolute[0];
  while (!absolute.every((f) => f === cwd || f.startsWith(cwd + path.sep))) cwd = path.dirname(cwd);
  return { cwd, files: files.sort(), note: `every JS/TS file under ${absolute.join(', ')}` };
}

function runChild(spec, scratch) {
  const specFile = path.join(scratch, `spec-${spec.mode}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--max-old-space-size=8192', self, '--child', specFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      rmSync(specFile, { force: true });
      if (code !== 0) reject(new Error(`${spec.mode} run exited with ${code}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const fmtS = (ms) => `${(ms / 1000).toFixed(2)} s`;
const fmtPct = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}%`;

/** Runs each mode `runs` times, rotating the order every round so drift hits every mode alike. */
async function compare(modes, runs, base, scratch, label) {
  const samples = Object.fromEntries(modes.map((m) => [m, []]));
  for (let i = 0; i < runs; i++) {
    for (const mode of rotate(modes, i)) {
      const r = await runChild({ ...base, mode }, scratch);
      samples[mode].push(r);
      process.stderr.write(`  ${label} run ${i + 1}/${runs} ${mode.padEnd(14)} wall ${fmtS(r.wallMs)}  cpu ${fmtS(r.cpuMs)}  maxRSS ${r.maxRssMB.toFixed(0)} MB  (${r.problems} problems, ${r.fatal} unparsable)\n`);
    }
  }
  return Object.fromEntries(
    modes.map((m) => [
      m,
      {
        wallMs: median(samples[m].map((r) => r.wallMs)),
        cpuMs: median(samples[m].map((r) => r.cpuMs)),
        maxRssMB: median(samples[m].map((r) => r.maxRssMB)),
        problems: samples[m][0].problems,
        fatal: samples[m][0].fatal,
      },
    ]),
  );
}

/** Ratio line for `orm` against a baseline configuration. */
function ratioLine(label, orm, base) {
  const wall = orm.wallMs / base.wallMs;
  const cpu = orm.cpuMs / base.cpuMs;
  return `orm/${label}: wall ${wall.toFixed(3)} (${fmtPct(wall)}), cpu ${cpu.toFixed(3)} (${fmtPct(cpu)}), peak memory ${(orm.maxRssMB / base.maxRssMB).toFixed(3)}`;
}

/** The syntactic configurations on one corpus, in separate processes; prints medians and the ratios. */
async function syntacticSection(title, base, runs, scratch) {
  const r = await compare(SYNTACTIC_MODES, runs, base, scratch, 'syntactic');
  console.log(`${title} (median of ${runs} rotating runs per configuration, lintFiles() time in a fresh process):`);
  console.log(
    table([
      ['configuration', 'wall', 'cpu', 'peak RSS', 'problems'],
      ...SYNTACTIC_MODES.map((m) => [MODE_NAMES[m], fmtS(r[m].wallMs), fmtS(r[m].cpuMs), `${r[m].maxRssMB.toFixed(0)} MB`, r[m].problems]),
    ]),
  );
  const wall = r.orm.wallMs / r.plain.wallMs;
  console.log(`ratio ${ratioLine('plain', r.orm, r.plain)}; target at most +5% wall: ${wall <= 1.05 ? 'met' : 'NOT met'}`);
  console.log(`ratio ${ratioLine('core', r.orm, r.core)}\n`);
}

/** The syntactic configurations in one process, file by file in turn; prints CPU totals and the ratios. */
async function pairedSection(title, base, pairedRounds, scratch) {
  const { rounds } = await runChild({ ...base, mode: 'paired', rounds: pairedRounds }, scratch);
  const totals = SYNTACTIC_MODES.map((m) => `${m} ${fmtS(median(rounds.map((r) => r[m])))}`).join(', ');
  const ratios = (baseline) => {
    const perRound = rounds.map((r) => r.orm / r[baseline]);
    return `orm/${baseline} ${median(perRound).toFixed(3)} (${fmtPct(median(perRound))}${perRound.length > 1 ? `; rounds ${perRound.map((x) => x.toFixed(3)).join(', ')}` : ''})`;
  };
  console.log(`Paired in one process, ${title} (each file linted by every configuration in turn, ${pairedRounds} round(s) after a warm-up, CPU time): ${totals}`);
  console.log(`ratio ${ratios('plain')}, ${ratios('core')}\n`);
}

function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  ')).join('\n');
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: 'string' },
      runs: { type: 'string', default: '5' },
      'typed-runs': { type: 'string', default: '3' },
      'typed-max-files': { type: 'string', default: '500' },
      'no-typed': { type: 'boolean', default: false },
      'no-non-orm': { type: 'boolean', default: false },
      'paired-rounds': { type: 'string', default: '1' },
      'max-bytes': { type: 'string', default: String(1_000_000) },
    },
  });
  if (values.child) return child(values.child);
  const runs = Number(values.runs);
  const typedRuns = Number(values['typed-runs']);
  const pairedRounds = Number(values['paired-rounds']);
  const maxBytes = Number(values['max-bytes']);
  if (!existsSync(path.join(repoRoot, 'dist', 'index.js'))) throw new Error('dist/ is missing: run npm run build (npm run bench does)');

  const corpus = positionals.length > 0 ? folderCorpus(positionals, maxBytes) : await defaultCorpus(maxBytes);
  const bytes = corpus.files.reduce((n, f) => n + statSync(f).size, 0);
  const pluginVersion = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
  const eslintVersion = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'eslint', 'package.json'), 'utf8')).version;
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
  console.log(`eslint-plugin-orm ${pluginVersion} benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`machine: ${machine}; load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`ESLint ${eslintVersion}, @typescript-eslint/parser for every file`);
  console.log(`corpus: ${corpus.files.length} files, ${(bytes / 1e6).toFixed(1)} MB (${corpus.note})\n`);
  if (corpus.files.length === 0) throw new Error('no files to lint');

  mkdirSync(path.join(repoRoot, 'node_modules', '.cache'), { recursive: true });
  const scratch = mkdtempSync(path.join(repoRoot, 'node_modules', '.cache', 'orm-bench-'));
  try {
    const base = { cwd: corpus.cwd, files: corpus.files };

    // 1. syntactic, in separate processes
    await syntacticSection(`Syntactic, ${corpus.files.length} files`, base, runs, scratch);
    const nonOrm = values['no-non-orm'] ? undefined : folderCorpus([path.join(repoRoot, 'node_modules', 'eslint', 'lib')], maxBytes);
    const nonOrmTitle = nonOrm && `code that touches no ORM (ESLint's own lib/, ${nonOrm.files.length} files)`;
    if (nonOrm) await syntacticSection(`Syntactic, ${nonOrmTitle}`, { cwd: nonOrm.cwd, files: nonOrm.files }, runs, scratch);

    // 1b. paired, in one process
    if (pairedRounds > 0) {
      await pairedSection(`the ${corpus.files.length} files`, base, pairedRounds, scratch);
      if (nonOrm) await pairedSection(nonOrmTitle, { cwd: nonOrm.cwd, files: nonOrm.files }, pairedRounds, scratch);
    }

    // 2. per-rule time
    const stats = await runChild({ ...base, mode: 'orm', stats: true }, scratch);
    const ormRules = Object.entries(stats.rules).filter(([id]) => id.startsWith('orm/')).sort((a, b) => b[1] - a[1]);
    const ormTotal = ormRules.reduce((n, [, t]) => n + t, 0);
    const slowest = [...stats.perFileOrm].sort((a, b) => b.ms - a.ms).slice(0, 5);
    const perFile = stats.perFileOrm.map((f) => f.ms).sort((a, b) => a - b);
    const pct = (q) => perFile[Math.min(perFile.length - 1, Math.floor(q * perFile.length))] ?? 0;
    console.log(`Per-rule time (ESLint stats, one run): parse ${fmtS(stats.parse)}, all rules ${fmtS(ormTotal)} of ${fmtS(stats.total)} linting (${((ormTotal / stats.total) * 100).toFixed(1)}%)`);
    console.log(table([['rule', 'time', 'share of linting'], ...ormRules.map(([id, t]) => [id, `${t.toFixed(1)} ms`, `${((t / stats.total) * 100).toFixed(2)}%`])]));
    console.log(
      `our rules per file: median ${pct(0.5).toFixed(3)} ms, p90 ${pct(0.9).toFixed(3)} ms, p99 ${pct(0.99).toFixed(3)} ms, max ${perFile.at(-1)?.toFixed(1)} ms; ` +
        `${perFile.filter((t) => t < 0.05).length} of ${perFile.length} files under 0.05 ms`,
    );
    console.log(`slowest files for our rules: ${slowest.map((f) => `${f.file} ${f.ms.toFixed(1)} ms`).join(', ')}\n`);

    // 3. typed
    if (!values['no-typed']) {
      // Type-aware linting costs several times more: an evenly spread subset keeps it in minutes.
      const typedMax = Number(values['typed-max-files']);
      const step = Math.max(1, corpus.files.length / typedMax);
      const typedFiles = corpus.files.length <= typedMax ? corpus.files : Array.from({ length: typedMax }, (_, i) => corpus.files[Math.floor(i * step)]);
      const tsconfig = path.join(scratch, 'tsconfig.bench.json');
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: { allowJs: true, checkJs: false, noEmit: true, target: 'es2022', module: 'preserve', moduleResolution: 'bundler', skipLibCheck: true, types: [], strict: true },
          files: typedFiles,
        }),
      );
      const modes = ['typed-floating', 'typed-orm', 'typed-both'];
      const typed = await compare(modes, typedRuns, { ...base, files: typedFiles, tsconfig }, scratch, 'typed');
      const f = typed['typed-floating'];
      console.log(`Typed (${typedFiles.length} of the files, evenly spread, in one TypeScript program with allowJs; median of ${typedRuns} rotating runs):`);
      console.log(
        table([
          ['configuration', 'wall', 'cpu', 'peak RSS', 'problems', 'wall vs no-floating-promises'],
          ...modes.map((m) => [
            MODE_NAMES[m],
            fmtS(typed[m].wallMs),
            fmtS(typed[m].cpuMs),
            `${typed[m].maxRssMB.toFixed(0)} MB`,
            typed[m].problems,
            `${(typed[m].wallMs / f.wallMs).toFixed(3)} (${fmtPct(typed[m].wallMs / f.wallMs)})`,
          ]),
        ]),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
