// Fix-output checks over examples/ (the multi-ORM app whose BAD code every rule should report): every
// rule enabled; each fix and each suggestion, applied one at a time, must give code that parses and
// that no longer has the problem it fixed.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/corpus.mjs';
import { CorpusLinter, describeProblems, type FileReport } from './harness.js';

const examplesDir = path.join(repoRoot, 'examples');
const files = (readdirSync(examplesDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((e) => e.isFile() && /\.[cm]?[jt]sx?$/.test(e.name))
  .map((e) => path.join(e.parentPath, e.name))
  .sort();

describe('fix-output checks over examples/', () => {
  const linter = new CorpusLinter(repoRoot);
  const reports: FileReport[] = [];
  beforeAll(async () => {
    for (const file of files) reports.push(await linter.check(file));
  });
  const problems = () => reports.flatMap((r) => r.problems);

  it('lints every example, and the rules find problems with fixes or suggestions in them', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(reports.filter((r) => r.parseError !== undefined).map((r) => r.parseError)).toEqual([]);
    expect(reports.reduce((n, r) => n + r.findings, 0)).toBeGreaterThan(0);
    expect(reports.reduce((n, r) => n + r.fixesChecked, 0)).toBeGreaterThan(0);
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
});
