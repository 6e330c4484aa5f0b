import { describe, expect, it } from 'vitest';
import noDeepOffset from '../../src/rules/no-deep-offset.js';
import noLargeInList from '../../src/rules/no-large-in-list.js';
import noUnorderedLimit from '../../src/rules/no-unordered-limit.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';
import { typeErrors } from '../typecheck-output.js';

// Typed tier of the three query-shape rules, against the real ORM types in test/orms.

// A Prisma look-alike: the shape without types, a plain object with them. (A Prisma \`findMany\` with \`take\` is
// ordered by the engine, so the look-alike is a \`findFirst\`.)
const lookAlike = `
const api = { user: { findFirst: async (args: { where: { name: string } }) => args.where.name } };
export const user = await api.user.findFirst({ where: { name: 'ann' } });
`;
const single: [{ uniqueColumns: string[]; checkSingleRowLookups: boolean }] = [{ uniqueColumns: [], checkSingleRowLookups: true }];

ruleTester.run('no-unordered-limit (syntax only: a look-alike with the Prisma shape)', noUnorderedLimit, {
  valid: [],
  invalid: [
    {
      code: lookAlike,
      options: single,
      errors: [
        {
          messageId: 'unorderedFirst',
          data: { call: 'api.user.findFirst(…)', clause: 'findFirst()' },
          line: 3,
          column: 36,
          endLine: 3,
          endColumn: 45,
          suggestions: [
            {
              messageId: 'addOrdering',
              data: { column: 'id' },
              output: `
const api = { user: { findFirst: async (args: { where: { name: string } }) => args.where.name } };
export const user = await api.user.findFirst({ where: { name: 'ann' }, orderBy: { id: 'asc' } });
`,
            },
          ],
        },
      ],
    },
  ],
});

const prismaFirst = `
import { prisma } from './models';
export const user = await prisma.user.findFirst({ where: { score: { gt: 10 } } });
`;
const prismaFirstFixed = `
import { prisma } from './models';
export const user = await prisma.user.findFirst({ where: { score: { gt: 10 } }, orderBy: { id: 'asc' } });
`;
const drizzleLimit = `
import { db, eq, users } from '../db/drizzle';
export const rows = await db.select().from(users).where(eq(users.score, 0)).limit(10);
`;
const drizzleLimitFixed = `
import { db, eq, users } from '../db/drizzle';
export const rows = await db.select().from(users).where(eq(users.score, 0)).orderBy(users.id).limit(10);
`;
const drizzleFirst = `
import { db, eq, users } from '../db/drizzle';
export const user = await db.query.users.findFirst({ where: eq(users.name, 'ann') });
`;
const drizzleFirstFixed = `
import { db, eq, users } from '../db/drizzle';
export const user = await db.query.users.findFirst({ where: eq(users.name, 'ann'), orderBy: (table, { asc }) => [asc(table.id)] });
`;

typedRuleTester.run('no-unordered-limit (typed)', noUnorderedLimit, {
  valid: [
    { name: 'the checker rejects a look-alike', code: lookAlike, options: single },
    {
      name: 'a Prisma page without orderBy: the engine orders it by the primary key',
      code: `
import { prisma } from './models';
export const users = await prisma.user.findMany({ where: { score: { gt: 10 } }, take: 10 });
`,
    },
    {
      name: 'an ordered Prisma page',
      code: `
import { prisma } from './models';
export const users = await prisma.user.findMany({ take: 10, orderBy: [{ score: 'desc' }, { id: 'asc' }] });
`,
    },
  ],
  invalid: [
    {
      name: 'real Prisma types show that the findFirst filter is not a unique key',
      code: prismaFirst,
      errors: [
        {
          messageId: 'unorderedFirst',
          data: { call: 'prisma.user.findFirst(…)', clause: 'findFirst()' },
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 48,
          suggestions: [{ messageId: 'addOrdering', data: { column: 'id' }, output: prismaFirstFixed }],
        },
      ],
    },
    {
      name: 'real Drizzle types confirm the page',
      code: drizzleLimit,
      errors: [
        {
          messageId: 'unorderedLimit',
          data: { call: 'db.select().from(…).where(…).limit(…)', clause: '.limit()' },
          line: 3,
          column: 77,
          endLine: 3,
          endColumn: 82,
          suggestions: [{ messageId: 'addOrdering', data: { column: 'id' }, output: drizzleLimitFixed }],
        },
      ],
    },
    {
      name: 'a Drizzle relational findFirst (checkSingleRowLookups)',
      code: drizzleFirst,
      options: [{ uniqueColumns: [], checkSingleRowLookups: true }],
      errors: [
        {
          messageId: 'unorderedFirst',
          data: { call: 'db.query.users.findFirst(…)', clause: 'findFirst()' },
          line: 3,
          column: 42,
          endLine: 3,
          endColumn: 51,
          suggestions: [{ messageId: 'addOrdering', data: { column: 'id' }, output: drizzleFirstFixed }],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-deep-offset (typed)', noDeepOffset, {
  valid: [{ name: 'the checker rejects a look-alike', code: lookAlike }],
  invalid: [
    {
      name: 'real Prisma types confirm the offset',
      code: `
import { prisma } from './models';
export const users = await prisma.user.findMany({ skip: 5000, take: 10, orderBy: { id: 'asc' } });
`,
      errors: [
        {
          messageId: 'deepOffset',
          data: {
            call: 'prisma.user.findMany(…)',
            clause: 'skip',
            offset: '5000',
            orm: 'Prisma',
            keyset: "findMany({ cursor: { id: lastId }, skip: 1, take: 20, orderBy: { id: 'asc' } })",
          },
          line: 3,
          column: 51,
          endLine: 3,
          endColumn: 61,
        },
      ],
    },
  ],
});

const knexRows = `
import { knex } from '../db/knex';
export async function authors() {
  const ids = await knex('posts').where('published', 1).pluck('author_id');
  return knex('users').whereIn('id', ids);
}
`;
const knexRowsFixed = `
import { knex } from '../db/knex';
export async function authors() {
  return knex('users').whereIn('id', knex('posts').where('published', 1).select('author_id'));
}
`;
const kyselyRows = `
import { db } from '../db/kysely';
export async function authors() {
  const posts = await db.selectFrom('posts').select(['author_id', 'title']).where('published', '=', 1).execute();
  return db.selectFrom('users').selectAll().where('id', 'in', posts.map((p) => p.author_id)).execute();
}
`;
const kyselyRowsFixed = `
import { db } from '../db/kysely';
export async function authors() {
  return db.selectFrom('users').selectAll().where('id', 'in', db.selectFrom('posts').select('author_id').where('published', '=', 1)).execute();
}
`;
const drizzleRows = `
import { db, eq, inArray, posts, users } from '../db/drizzle';
export async function authors() {
  const published = await db.select().from(posts).where(eq(posts.published, true));
  const ids = [...new Set(published.map((p) => p.authorId))];
  return db.select().from(users).where(inArray(users.id, ids));
}
`;
const drizzleRowsFixed = `
import { db, eq, inArray, posts, users } from '../db/drizzle';
export async function authors() {
  return db.select().from(users).where(inArray(users.id, db.select({ authorId: posts.authorId }).from(posts).where(eq(posts.published, true))));
}
`;

typedRuleTester.run('no-large-in-list (typed)', noLargeInList, {
  valid: [
    {
      name: 'a bounded page of keys',
      code: `
import { prisma } from './models';
export async function page() {
  const posts = await prisma.post.findMany({ take: 20, orderBy: { id: 'desc' } });
  return prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });
}
`,
    },
  ],
  invalid: [
    {
      name: 'Prisma: keys from an unbounded read',
      code: `
import { prisma } from './models';
export async function authors() {
  const posts = await prisma.post.findMany({ where: { published: true }, select: { authorId: true } });
  return prisma.user.findMany({ where: { id: { in: posts.map((p) => p.authorId) } } });
}
`,
      errors: [
        {
          messageId: 'inListFromRows',
          data: {
            call: 'prisma.user.findMany(…)',
            source: 'prisma.post.findMany(…)',
            line: '4',
            orm: 'Prisma',
            hint: 'a relation filter such as `where: { author: { is: { … } } }` or `where: { posts: { some: { … } } }`',
          },
          line: 5,
          column: 52,
          endLine: 5,
          endColumn: 80,
          suggestions: [],
        },
      ],
    },
    {
      name: 'Knex: plucked keys become a subquery',
      code: knexRows,
      errors: [
        {
          messageId: 'inListFromRows',
          data: { call: "knex('users').whereIn(…)", source: "knex('posts').where(…).pluck('author_id')", line: '4', orm: 'Knex', hint: "`whereIn('column', knex('other').select('column').where(…))`, or a join" },
          line: 5,
          column: 38,
          endLine: 5,
          endColumn: 41,
          suggestions: [{ messageId: 'useSubquery', data: { source: "knex('posts').where(…).pluck('author_id')" }, output: knexRowsFixed }],
        },
      ],
    },
    {
      name: 'Kysely: mapped rows become a subquery',
      code: kyselyRows,
      errors: [
        {
          messageId: 'inListFromRows',
          data: {
            call: "db.selectFrom('users').selectAll().where(…).execute()",
            source: "db.selectFrom('posts').select(…).where(…).execute()",
            line: '4',
            orm: 'Kysely',
            hint: "`where('column', 'in', db.selectFrom('other').select('column').where(…))`, or a join",
          },
          line: 5,
          column: 63,
          endLine: 5,
          endColumn: 92,
          suggestions: [{ messageId: 'useSubquery', data: { source: "db.selectFrom('posts').select(…).where(…).execute()" }, output: kyselyRowsFixed }],
        },
      ],
    },
    {
      name: 'Drizzle: deduplicated keys become a subquery',
      code: drizzleRows,
      errors: [
        {
          messageId: 'inListFromRows',
          data: {
            call: 'db.select().from(…).where(…)',
            source: 'db.select().from(…).where(…)',
            line: '4',
            orm: 'Drizzle',
            hint: '`inArray(table.column, db.select({ column: other.column }).from(other).where(…))`, or a join',
          },
          line: 6,
          column: 58,
          endLine: 6,
          endColumn: 61,
          suggestions: [{ messageId: 'useSubquery', data: { source: 'db.select().from(…).where(…)' }, output: drizzleRowsFixed }],
        },
      ],
    },
  ],
});

describe('query-shape suggestion outputs', () => {
  it('type-check against the real ORM types, like the code they replace', () => {
    const codes = [prismaFirst, prismaFirstFixed, drizzleLimit, drizzleLimitFixed, drizzleFirst, drizzleFirstFixed, knexRows, knexRowsFixed, kyselyRows, kyselyRowsFixed, drizzleRows, drizzleRowsFixed];
    expect(typeErrors(codes)).toEqual(codes.map(() => []));
  });
});

typedRuleTester.run('no-unordered-limit (typed: unique keys from the Prisma schema)', noUnorderedLimit, {
  valid: [
    {
      name: 'the schema makes id unique',
      code: `
import { prisma } from './models';
export const user = await prisma.user.findFirst({ where: { id: 1, name: 'ann' } });
`,
    },
    {
      name: 'an existence check never reads the row',
      code: `
import { prisma } from './models';
export const taken = (await prisma.user.findFirst({ where: { name: 'ann' } })) !== null;
`,
    },
    {
      name: 'a filter the rule cannot see',
      code: `
import { prisma } from './models';
declare const where: { name: string };
export const user = await prisma.user.findFirst({ where });
`,
    },
  ],
  invalid: [
    {
      name: 'the schema shows name is not unique: reported without checkSingleRowLookups',
      code: `
import { prisma } from './models';
export const user = await prisma.user.findFirst({ where: { name: 'ann' } });
`,
      errors: [
        {
          messageId: 'unorderedFirst',
          data: { call: 'prisma.user.findFirst(…)', clause: 'findFirst()' },
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 48,
          suggestions: [
            {
              messageId: 'addOrdering',
              data: { column: 'id' },
              output: `
import { prisma } from './models';
export const user = await prisma.user.findFirst({ where: { name: 'ann' }, orderBy: { id: 'asc' } });
`,
            },
          ],
        },
      ],
    },
  ],
});
