import path from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import noQueryInLoop from '../../src/rules/no-query-in-loop.js';
import rule from '../../src/rules/prefer-eager-load.js';
import { typedFixturesDir, typedRuleTester } from '../rule-tester.js';
import { eagerLoadCases, type EagerLoadCase } from './prefer-eager-load.cases.js';

/** A case's code as a file of the typed fixture project: `./db` is the ORM's real setup in test/orms/db. */
const inFixtures = (c: EagerLoadCase, code: string) => code.replace("from './db'", `from '../db/${c.orm}'`);

// Under type information every relation name is confirmed (no "assumes" note), and the output is asserted.
typedRuleTester.run('prefer-eager-load (typed, real ORM types)', rule, {
  valid: [
    {
      // The guessed relation does not exist on the row type: a batched lookup (no-query-in-loop) is the advice.
      name: 'the checker rules out the relation a key suggests',
      code: `
import { Repository } from 'typeorm';
import { Post, usersRepository } from './models';
declare const postsRepo: Repository<Post>;
export async function f() {
  const posts = await postsRepo.find();
  for (const post of posts) console.log(await usersRepository().findOneBy({ id: post.authorId }));
}
`,
    },
  ],
  invalid: eagerLoadCases.map((c) => ({
    name: `${c.orm}: ${c.suggestion.data['source']} loads ${c.suggestion.data['relation']}`,
    code: inFixtures(c, c.code),
    errors: [{ ...c.error, suggestions: [{ ...c.suggestion, output: inFixtures(c, c.suggestion.output) }] }],
  })),
});

// The keyed lookup the checker rules out stays no-query-in-loop's.
typedRuleTester.run('no-query-in-loop (typed, relation ruled out)', noQueryInLoop, {
  valid: [],
  invalid: [
    {
      code: `
import { Repository } from 'typeorm';
import { Post, usersRepository } from './models';
declare const postsRepo: Repository<Post>;
export async function f() {
  const posts = await postsRepo.find();
  for (const post of posts) console.log(await usersRepository().findOneBy({ id: post.authorId }));
}
`,
      errors: [
        {
          messageId: 'queryInLoop',
          data: { call: 'usersRepository().findOneBy(…)', item: '`post`', loop: '`for…of` loop', orm: 'TypeORM', hint: 'findBy({ id: In(ids) })' },
          line: 7,
          column: 47,
          endLine: 7,
          endColumn: 97,
          suggestions: [
            {
              messageId: 'useBatchQuery',
              data: { model: 'User', loop: '`for…of` loop' },
              output: `
import { Repository, In } from 'typeorm';
import { Post, usersRepository } from './models';
declare const postsRepo: Repository<Post>;
export async function f() {
  const posts = await postsRepo.find();
  const userById = new Map((await usersRepository().findBy({ id: In(posts.map((post) => post.authorId)) })).map((row) => [row.id, row] as const));
  for (const post of posts) console.log(userById.get(post.authorId) ?? null);
}
`,
            },
          ],
        },
      ],
    },
  ],
});

/** Type errors of in-memory files compiled as part of the typed fixture project, per file. */
function typeErrors(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const config = ts.readConfigFile(path.join(typedFixturesDir, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, typedFixturesDir).options;
  const host = ts.createCompilerHost(options);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (p) => files.has(path.resolve(p)) || fileExists(p);
  host.readFile = (p) => files.get(path.resolve(p)) ?? readFile(p);
  const program = ts.createProgram([...files.keys()], options, host);
  const out = new Map<string, string[]>();
  for (const file of files.keys()) {
    out.set(file, ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')));
  }
  return out;
}

describe('prefer-eager-load suggestions type-check against the real ORM types', () => {
  // One program over every case's code and suggested code, as files of the fixture project.
  const files = new Map<string, string>();
  eagerLoadCases.forEach((c, i) => {
    files.set(path.join(typedFixturesDir, `eager-${i}-before.ts`), inFixtures(c, c.code));
    files.set(path.join(typedFixturesDir, `eager-${i}-after.ts`), inFixtures(c, c.suggestion.output));
  });
  let errors: Map<string, string[]> | undefined;

  eagerLoadCases.forEach((c, i) => {
    it(`${c.orm} #${i}: the code and the suggested code compile`, () => {
      errors ??= typeErrors(files);
      expect(errors.get(path.join(typedFixturesDir, `eager-${i}-before.ts`))).toEqual([]);
      expect(errors.get(path.join(typedFixturesDir, `eager-${i}-after.ts`))).toEqual([]);
    });
  });

  it('a wrong relation name would not compile (the check can fail)', () => {
    const c = eagerLoadCases.find((x) => x.orm === 'prisma')!;
    const file = path.join(typedFixturesDir, 'eager-wrong.ts');
    const wrong = inFixtures(c, c.suggestion.output).replace('include: { author: true }', 'include: { writer: true }').replace('post.author', 'post.writer');
    expect(typeErrors(new Map([[file, wrong]])).get(file)!.length).toBeGreaterThan(0);
  });
});

// Without types the same suggestions are made; only the relation names are not confirmed.
describe('prefer-eager-load without types makes the same edits', () => {
  const linter = new Linter();
  eagerLoadCases.forEach((c, i) => {
    it(`${c.orm} #${i}`, () => {
      const messages = linter.verify(c.code, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser }, plugins: { orm: plugin as never }, rules: { 'orm/prefer-eager-load': 'error' } }], 'example.ts');
      expect(messages).toHaveLength(1);
      const fix = messages[0]!.suggestions![0]!.fix;
      expect(c.code.slice(0, fix.range[0]) + fix.text + c.code.slice(fix.range[1])).toBe(c.suggestion.output);
    });
  });
});
