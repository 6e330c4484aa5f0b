import rule from '../../src/rules/no-query-in-loop.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';

// A Prisma look-alike: the same call shape, but a plain object. Without types the shape is all the rule can
// see, so it reports; with types the checker shows `findMany` is declared here, not by Prisma, and the rule
// stays silent.
const lookAlike = `
const api = { user: { findMany: async (args: { where: { authorId: number } }) => [args.where.authorId] } };
export async function f(users: { id: number }[]) {
  for (const u of users) await api.user.findMany({ where: { authorId: u.id } });
}
`;

ruleTester.run('no-query-in-loop (syntax only: a look-alike with the Prisma shape)', rule, {
  valid: [],
  invalid: [
    {
      code: lookAlike,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 80,
          suggestions: [
            {
              messageId: 'useBatchQuery',
              output: `
const api = { user: { findMany: async (args: { where: { authorId: number } }) => [args.where.authorId] } };
export async function f(users: { id: number }[]) {
  const userRows = await api.user.findMany({ where: { authorId: { in: users.map((u) => u.id) } } });
  for (const u of users) userRows.filter((row) => row.authorId === u.id);
}
`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-query-in-loop (typed)', rule, {
  valid: [
    { name: 'the checker rejects a look-alike', code: lookAlike },
    {
      name: 'a Map named like a client is not a query',
      code: `
const prisma = new Map<number, string>();
export function f(ids: number[]) {
  for (const id of ids) prisma.get(id);
}
`,
    },
  ],
  invalid: [
    {
      name: 'real Prisma client types confirm the call',
      code: `
import { prisma } from './models';
export async function f(posts: { authorId: number }[]) {
  const out = [];
  for (const post of posts) out.push(await prisma.user.findUnique({ where: { id: post.authorId } }));
  return out;
}
`,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 5,
          column: 44,
          endLine: 5,
          endColumn: 100,
          suggestions: [
            {
              messageId: 'useBatchQuery',
              output: `
import { prisma } from './models';
export async function f(posts: { authorId: number }[]) {
  const out = [];
  const userById = new Map((await prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } })).map((row) => [row.id, row] as const));
  for (const post of posts) out.push(userById.get(post.authorId) ?? null);
  return out;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a repository returned by a helper is recognised from its type',
      code: `
import { usersRepository } from './models';
export async function f(ids: number[]) {
  for (const id of ids) await usersRepository().findOne({ where: { id } });
}
`,
      errors: [
        {
          messageId: 'queryInLoop',
          line: 4,
          column: 31,
          endLine: 4,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'useBatchQuery',
              output: `
import { usersRepository } from './models';
import { In } from 'typeorm';
export async function f(ids: number[]) {
  const userById = new Map((await usersRepository().find({ where: { id: In(ids) } })).map((row) => [row.id, row] as const));
  for (const id of ids) userById.get(id) ?? null;
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'no batched suggestion when the iterated value is not an array',
      code: `
import { prisma } from './models';
export async function f(ids: Set<number>) {
  for (const id of ids) await prisma.user.findUnique({ where: { id } });
}
`,
      errors: [{ messageId: 'queryInLoop', line: 4, column: 31, endLine: 4, endColumn: 72, suggestions: [] }],
    },
  ],
});
