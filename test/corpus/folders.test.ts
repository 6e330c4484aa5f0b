// The crash and fix-output checks on any codebase, on demand:
//   ORM_CHECK_DIRS=/path/to/app[:/path/to/other] npx vitest run test/corpus/folders.test.ts
// Every JS/TS file under each folder (not node_modules, dist, build, declarations) is linted with every
// rule; each fix and suggestion is applied alone and must parse and not report the same problem again.
// Skipped when ORM_CHECK_DIRS is not set (CI lints the ORM packages and examples/ instead).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusLinter, describeProblems, type FileReport } from './harness.js';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.next', '.turbo']);
const dirs = (process.env.ORM_CHECK_DIRS ?? '').split(path.delimiter).filter(Boolean).map((d) => path.resolve(d));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...sourceFiles(full));
    } else if (entry.isFile() && /\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

// Without folders there is nothing to check: one skipped test says how to run it (a file without any test
// would fail the run).
if (dirs.length === 0) it.skip('crash and fix-output checks over ORM_CHECK_DIRS (not set)', () => {});

describe.each(dirs)('crash and fix-output checks over %s', (dir) => {
  const files = sourceFiles(dir);
  const reports: FileReport[] = [];
  beforeAll(async () => {
    const linter = new CorpusLinter(dir);
    for (const file of files) reports.push(await linter.check(file));
    const sum = (f: (r: FileReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    console.log(
      `${dir}: ${files.length} files, ${reports.filter((r) => r.parseError !== undefined).length} not parsable, ` +
        `${sum((r) => r.findings)} findings, ${sum((r) => r.fixesChecked)} fixes/suggestions checked`,
    );
  }, 3_600_000);
  const problems = () => reports.flatMap((r) => r.problems);

  it('has files', () => expect(files.length).toBeGreaterThan(0));
  it('no rule throws', () => expect(describeProblems(problems(), 'exception')).toBe(''));
  it('every fix and suggestion output parses', () => expect(describeProblems(problems(), 'unparsable-output')).toBe(''));
  it('no fix or suggestion output reports the same problem again', () => expect(describeProblems(problems(), 'reported-again')).toBe(''));
});
