// Crash corpus and fix-output checks over real third-party code: the sources of the ORM packages
// installed in test/orms/node_modules (declarations included), every rule of the plugin enabled.
//
// By default a fixed sample is linted to stay within CI time on 2 cores: SAMPLE_FRACTION of each
// package's files (the same files on every machine, chosen by a hash of their path) and no file
// over MAX_BYTES (generated bundles). `ORM_CORPUS=full` lints every file (`npm run test:corpus`).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusRoot, installedPackages, packageFiles, samplePackage } from '../../scripts/corpus.mjs';
import { ORM_MODULES } from '../../src/analyzer/orm/index.js';
import { CorpusLinter, describeProblems, type FileReport } from './harness.js';

const full = process.env.ORM_CORPUS === 'full';
const SAMPLE_FRACTION = full ? 1 : 0.2;
const MAX_BYTES = full ? Infinity : 1_000_000;
/** Files whose code ESLint's parsers reject are not linted; more than this share means lost coverage. */
const MAX_PARSE_ERROR_SHARE = 0.02;

const root = corpusRoot();
const installed = existsSync(root);
const linter = new CorpusLinter(root);
const summary: string[] = [];

describe(`crash corpus (${full ? 'every file' : `${SAMPLE_FRACTION * 100}% sample`} of the ORM packages in ${path.relative(process.cwd(), root) || root})`, () => {
  it('is installed (node scripts/setup-orms.mjs)', () => {
    expect(installed, `${root} is missing: run node scripts/setup-orms.mjs`).toBe(true);
  });

  afterAll(() => {
    if (summary.length > 0) console.log(`crash corpus, every rule enabled:\n${summary.join('\n')}`);
  });

  for (const mod of ORM_MODULES) {
    describe(`${mod.name} (${mod.packages.join(', ')})`, () => {
      const packages = installed ? installedPackages(root, mod.packages) : [];
      const files = packages.flatMap((p) => samplePackage(packageFiles(p.dir).filter((f) => f.bytes <= MAX_BYTES), root, SAMPLE_FRACTION));
      const reports: { file: string; report: FileReport }[] = [];

      beforeAll(async () => {
        const started = performance.now();
        for (const { file } of files) reports.push({ file, report: await linter.check(file) });
        const parseErrors = reports.filter((r) => r.report.parseError !== undefined).length;
        const findings = reports.reduce((n, r) => n + r.report.findings, 0);
        const fixes = reports.reduce((n, r) => n + r.report.fixesChecked, 0);
        summary.push(
          `  ${mod.name}: ${packages.map((p) => p.name).join(', ')}: ${files.length} files (${files.filter((f) => f.declaration).length} .d.ts), ` +
            `${parseErrors} not parsable, ${findings} findings, ${fixes} fixes/suggestions checked, ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }, 900_000);

      const problems = () => reports.flatMap((r) => r.report.problems);

      it('has installed packages with files to lint', () => {
        expect(packages.map((p) => p.name), `no package of ${mod.packages.join(', ')} in ${root}: add one to test/orms/package.json`).not.toEqual([]);
        expect(files.length).toBeGreaterThan(0);
      });

      it('no rule throws', () => {
        expect(describeProblems(problems(), 'exception')).toBe('');
      });

      it('every fix and suggestion output parses', () => {
        expect(describeProblems(problems(), 'unparsable-output')).toBe('');
      });

      it('no fix or suggestion output reports the same problem again', () => {
        expect(describeProblems(problems(), 'reported-again')).toBe('');
      });

      it(`ESLint parses at least ${(1 - MAX_PARSE_ERROR_SHARE) * 100}% of the files (the rules run on them)`, () => {
        const failed = reports.filter((r) => r.report.parseError !== undefined);
        const listing = failed.slice(0, 10).map((r) => `${path.relative(root, r.file)}: ${r.report.parseError}`).join('\n');
        expect(failed.length, listing).toBeLessThanOrEqual(Math.floor(files.length * MAX_PARSE_ERROR_SHARE));
      });
    });
  }
});
