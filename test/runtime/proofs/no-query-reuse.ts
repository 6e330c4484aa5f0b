/**
 * no-query-reuse: the same query object executed twice becomes one run whose result is reused.
 * Claim: 2 round trips → 1 for the same rows.
 */
import { twoStatementsToOne } from './claims.js';
import type { RuleProof } from './types.js';

const TWICE = 'the same builder awaited twice';

export const noQueryReuse: RuleProof = {
  rule: 'no-query-reuse',
  claim: twoStatementsToOne,
  cases: [
    {
      orm: 'knex',
      scenario: TWICE,
      at: 'const again =',
      messageId: 'executedTwice',
      source: `
import { knex } from './db';

export async function run() {
  const published = knex('posts').where('published', 1).orderBy('id');
  const first = await published;
  const again = await published;
  return { titles: first.map((p) => p.title), count: again.length };
}
`,
    },
    {
      orm: 'kysely',
      scenario: TWICE,
      at: 'const again =',
      messageId: 'executedTwice',
      source: `
import { db } from './db';

export async function run() {
  const published = db.selectFrom('posts').selectAll().where('published', '=', 1).orderBy('id');
  const first = await published.execute();
  const again = await published.execute();
  return { titles: first.map((p) => p.title), count: again.length };
}
`,
    },
    {
      orm: 'drizzle',
      scenario: TWICE,
      at: 'const again =',
      messageId: 'executedTwice',
      source: `
import { asc, db, eq, posts } from './db';

export async function run() {
  const published = db.select().from(posts).where(eq(posts.published, true)).orderBy(asc(posts.id));
  const first = await published;
  const again = await published;
  return { titles: first.map((p) => p.title), count: again.length };
}
`,
    },
    {
      orm: 'typeorm',
      scenario: TWICE,
      at: 'const again =',
      messageId: 'executedTwice',
      source: `
import { postRepo } from './db';

export async function run() {
  const published = postRepo.createQueryBuilder('post').where('post.published = :p', { p: true }).orderBy('post.id');
  const first = await published.getMany();
  const again = await published.getMany();
  return { titles: first.map((p) => p.title), count: again.length };
}
`,
    },
    {
      orm: 'mikroorm',
      scenario: TWICE,
      at: 'const again =',
      messageId: 'executedTwice',
      source: `
import { em, Post } from './db';

export async function run() {
  const published = em.createQueryBuilder(Post).where({ published: true }).orderBy({ id: 'asc' });
  const first = await published.getResultList();
  const again = await published.getResultList();
  return { titles: first.map((p) => p.title), count: again.length };
}
`,
    },
    {
      orm: 'objection',
      scenario: TWICE,
      at: 'const again =',
      messageId: 'executedTwice',
      source: `
import { Post } from './db';

export async function run() {
  const published = Post.query().where('published', 1).orderBy('id');
  const first = await published;
  const again = await published;
  return { titles: first.map((p) => p.title), count: again.length };
}
`,
    },
    {
      orm: 'sequelize',
      scenario: TWICE,
      reason: 'Sequelize has no query objects: every call runs at once, so there is nothing to run twice',
    },
    {
      orm: 'prisma',
      scenario: TWICE,
      reason: 'a PrismaPromise memoises its result: awaiting it twice runs it once, and the rule does not report it',
    },
  ],
};
