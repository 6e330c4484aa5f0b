import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { getOrmAnalysis } from '../../src/analyzer/index.js';
import { typedFixturesDir } from '../rule-tester.js';

/** `uniqueKeysOf` for every query in `code`, linted with full types beside the typed fixtures. */
function uniqueKeys(code: string, typed: boolean): (string[][] | undefined)[] {
  const out: (string[][] | undefined)[] = [];
  const probe: TSESLint.RuleModule<string> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      const orm = getOrmAnalysis(context);
      return {
        CallExpression(node: TSESTree.CallExpression) {
          const query = orm.queryAt(node);
          if (query) out.push(orm.uniqueKeysOf(query));
        },
      };
    },
  };
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser, parserOptions: typed ? { projectService: true, tsconfigRootDir: typedFixturesDir } : {} },
        plugins: { probe: { rules: { probe: probe as never } } },
        rules: { 'probe/probe': 'error' },
      },
    ],
    path.join(typedFixturesDir, 'file.ts'),
  );
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return out;
}

describe('uniqueKeysOf', () => {
  const code = `
import { prisma } from './models';
export const user = await prisma.user.findFirst({ where: { name: 'ann' } });
export const posts = await prisma.post.findMany({ take: 5 });
`;
  it('reads the unique keys of a Prisma model from its WhereUniqueInput type', () => {
    expect(uniqueKeys(code, true)).toEqual([[['id']], [['id']]]);
  });
  it('says nothing without type information', () => {
    expect(uniqueKeys(code, false)).toEqual([undefined, undefined]);
  });
});
