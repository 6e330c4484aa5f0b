/**
 * prefer-eager-load: a relation loaded once per row of a query becomes part of that query
 * (`include`, `relations`, `with`, `populate`, `withGraphFetched`) and the per-row load reads the
 * loaded property. Claim: N+1 data statements → at most 2 (a join or one IN query per level).
 */
import { nPlusOneToTwo } from './claims.js';
import type { RuleProof } from './types.js';

const AUTHOR = 'author of each post (to-one)';
const COMMENTS = 'comments of each post, ordered (to-many)';
const NO_RELATIONS = 'Knex and Kysely have no relations to eager-load: their per-row lookups are no-query-in-loop reports (batched `whereIn` / `in`), proven there';

export const preferEagerLoad: RuleProof = {
  rule: 'prefer-eager-load',
  claim: nPlusOneToTwo,
  cases: [
    { orm: 'knex', scenario: AUTHOR, reason: NO_RELATIONS },
    { orm: 'kysely', scenario: AUTHOR, reason: NO_RELATIONS },
  {
    orm: 'drizzle',
    scenario: AUTHOR,
    at: 'findFirst(',
    messageId: 'perItemLoad',
    source: `
import { asc, db, eq, posts, users } from './db';

export async function run() {
  const all = await db.query.posts.findMany({ orderBy: [asc(posts.id)] });
  const out = [];
  for (const post of all) {
    const author = await db.query.users.findFirst({ where: eq(users.id, post.authorId) });
    out.push({ title: post.title, author });
  }
  return out;
}
`,
  },
  {
    orm: 'typeorm',
    scenario: AUTHOR,
    at: 'findOneBy(',
    messageId: 'perItemLoad',
    source: `
import { postRepo, userRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { id: 'ASC' } });
  const out = [];
  for (const post of posts) {
    const author = await userRepo.findOneBy({ id: post.authorId });
    out.push({ title: post.title, author });
  }
  return out;
}
`,
  },
  {
    orm: 'sequelize',
    scenario: AUTHOR,
    at: 'findByPk(',
    messageId: 'perItemLoad',
    source: `
import { Post, User } from './db';

export async function run() {
  const posts = await Post.findAll({ order: [['id', 'ASC']] });
  const out = [];
  for (const post of posts) {
    const author = await User.findByPk(post.authorId);
    out.push({ title: post.title, author });
  }
  return out;
}
`,
  },
  {
    orm: 'mikroorm',
    scenario: AUTHOR,
    at: 'wrap(post.author).init()',
    messageId: 'perItemLoad',
    source: `
import { em, Post, wrap } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' } });
  const out = [];
  for (const post of posts) {
    const author = await wrap(post.author).init();
    out.push({ title: post.title, author: author && { id: author.id, name: author.name, email: author.email } });
  }
  return out;
}
`,
  },
  {
    orm: 'objection',
    scenario: AUTHOR,
    at: "$relatedQuery('author')",
    messageId: 'perItemLoad',
    source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.query().orderBy('id');
  const out = [];
  for (const post of posts) {
    const author = await post.$relatedQuery('author');
    out.push({ title: post.title, author });
  }
  return out;
}
`,
  },
  {
    orm: 'prisma',
    scenario: COMMENTS,
    at: 'prisma.comment.findMany(',
    messageId: 'perItemLoad',
    source: `
import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' } });
  const out = [];
  for (const post of posts) {
    const comments = await prisma.comment.findMany({ where: { postId: post.id }, orderBy: { id: 'asc' } });
    out.push({ title: post.title, comments: comments.map((c) => c.body) });
  }
  return out;
}
`,
  },
  {
    orm: 'objection',
    scenario: COMMENTS,
    reason: 'the per-row query has its own `.orderBy()`, which `withGraphFetched` can only take through a modifier (`modifyGraph`); the rule reports without a suggestion',
    example: {
      at: "$relatedQuery('comments')",
      messageId: 'perItemLoad',
      source: `
import { Post } from './db';

export async function run() {
  const posts = await Post.query().orderBy('id');
  const out = [];
  for (const post of posts) {
    const comments = await post.$relatedQuery('comments').orderBy('id');
    out.push({ title: post.title, comments: comments.map((c) => c.body) });
  }
  return out;
}
`,
    },
  },
  ],
};
