import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examples = path.join(root, 'examples');

/** Line ranges of `// BAD` and `// GOOD` sections: each runs from its marker to the next marker or the end. */
function sections(file: string): { kind: 'BAD' | 'GOOD'; from: number; to: number }[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const marks = lines.flatMap((line, i) => {
    const m = /^\s*\/\/ (BAD|GOOD)\b/.exec(line);
    return m ? [{ kind: m[1] as 'BAD' | 'GOOD', line: i + 1 }] : [];
  });
  return marks.map((m, i) => ({ kind: m.kind, from: m.line, to: (marks[i + 1]?.line ?? lines.length + 1) - 1 }));
}

describe('examples/ through the public ESLint API with the recommended preset', () => {
  it('reports every BAD section and no GOOD section', async () => {
    const eslint = new ESLint({
      cwd: examples,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        { files: ['**/*.js'], languageOptions: { sourceType: 'module' } },
        { ...plugin.configs.recommended, files: ['**/*.ts', '**/*.js'] } as never,
      ],
    });
    const results = await eslint.lintFiles(['.']);
    expect(results.length).toBeGreaterThanOrEqual(18);
    let badSections = 0;
    for (const result of results) {
      expect(result.messages.filter((m) => m.fatal)).toEqual([]);
      const file = path.relative(root, result.filePath);
      for (const section of sections(result.filePath)) {
        const inside = result.messages.filter((m) => m.line >= section.from && m.line <= section.to);
        if (section.kind === 'BAD') {
          badSections++;
          expect(inside.length, `${file}:${section.from} BAD section has no finding`).toBeGreaterThan(0);
        } else {
          expect(inside.map((m) => `${m.line}: ${m.ruleId}`), `${file}:${section.from} GOOD section`).toEqual([]);
        }
      }
      // Nothing is reported outside the marked sections either.
      const marked = sections(result.filePath);
      for (const m of result.messages) {
        expect(marked.some((s) => s.kind === 'BAD' && m.line >= s.from && m.line <= s.to), `${file}:${m.line} ${m.ruleId}`).toBe(true);
      }
    }
    expect(badSections).toBeGreaterThanOrEqual(10);
  });
});

describe('orm-lint CLI', () => {
  const run = promisify(execFile);
  const cli = path.join(root, 'bin/orm-lint.js');

  it('exits 1 and prints the findings for examples/', async () => {
    const error = await run(process.execPath, [cli, 'examples'], { cwd: root }).catch((e: unknown) => e as { code: number; stdout: string });
    expect((error as { code: number }).code).toBe(1);
    const { stdout } = error as { stdout: string };
    expect(stdout).toContain('examples/prisma/post-service.ts');
    expect(stdout).toMatch(/8:26\s+error\s+`prisma\.user\.findUnique\(…\)` loads the `author` of each `post`.*orm\/prefer-eager-load/);
    expect(stdout).toMatch(/9:28\s+error\s+`db\.select\(\)\.from\(…\)\.where\(…\)` runs once per `post`.*orm\/no-query-in-loop/);
  });

  it('exits 0 on clean files and prints JSON with --format json', async () => {
    const { stdout } = await run(process.execPath, [cli, '--format', 'json', 'examples/prisma/db.ts'], { cwd: root });
    const parsed = JSON.parse(stdout) as { filePath: string; messages: unknown[] }[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.messages).toEqual([]);
  });

  it('rejects an unknown preset with exit code 2', async () => {
    const error = (await run(process.execPath, [cli, '--preset', 'nope', 'examples'], { cwd: root }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('unknown preset "nope"');
  });
});
