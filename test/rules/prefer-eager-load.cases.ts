// Per-row relation loads written against the real ORM setups of test/orms/db (each imports `./db`), with the
// suggestion prefer-eager-load makes for them under type information. Shared by the typed tier (which also
// type-checks every output against the real ORM types) and the runtime proof (test/runtime), which runs the
// code before and after the suggestion on a seeded database.

export interface EagerLoadCase {
  readonly orm: 'prisma' | 'typeorm' | 'sequelize' | 'drizzle' | 'mikroorm' | 'objection' | 'mongoose';
  /** The code, importing from `./db` as the runtime harness expects. */
  readonly code: string;
  readonly error: { readonly messageId: 'perItemLoad'; readonly data: Readonly<Record<string, string>>; readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number };
  readonly suggestion: { readonly messageId: 'loadWithQuery'; readonly data: Readonly<Record<string, string>>; readonly output: string };
}

export const eagerLoadCases: readonly EagerLoadCase[] = [
  {
    orm: 'prisma',
    code: `import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' } });
  const out = [];
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: {"call":"prisma.user.findUnique(…)","relation":"author","item":"`post`","loop":"`for…of` loop","source":"prisma.post.findMany(…)","orm":"Prisma","hint":"include: { author: true }"}, line: 7, column: 26, endLine: 7, endColumn: 82 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'prisma.post.findMany(…)', loaded: 'post.author' }, output: `import { prisma } from './db';

export async function run() {
  const posts = await prisma.post.findMany({ orderBy: { id: 'asc' }, include: { author: true } });
  const out = [];
  for (const post of posts) {
    const author = post.author;
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
` },
  },
  {
    orm: 'prisma',
    code: `import { prisma } from './db';

export async function run() {
  const users = await prisma.user.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } });
  const out = [];
  for (const user of users) {
    const posts = await prisma.user.findUnique({ where: { id: user.id } }).posts({ orderBy: { id: 'asc' } });
    out.push({ name: user.name, posts: posts?.map((p) => p.title) });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: {"call":"prisma.user.findUnique(…).posts(…)","relation":"posts","item":"`user`","loop":"`for…of` loop","source":"prisma.user.findMany(…)","orm":"Prisma","hint":"include: { posts: true }"}, line: 7, column: 25, endLine: 7, endColumn: 109 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'posts', source: 'prisma.user.findMany(…)', loaded: 'user.posts' }, output: `import { prisma } from './db';

export async function run() {
  const users = await prisma.user.findMany({ select: { id: true, name: true, posts: { orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } });
  const out = [];
  for (const user of users) {
    const posts = user.posts;
    out.push({ name: user.name, posts: posts?.map((p) => p.title) });
  }
  return out;
}
` },
  },
  {
    orm: 'typeorm',
    code: `import { postRepo, userRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { id: 'ASC' } });
  const out = [];
  for (const post of posts) {
    const author = await userRepo.findOneBy({ id: post.authorId });
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: {"call":"userRepo.findOneBy(…)","relation":"author","item":"`post`","loop":"`for…of` loop","source":"postRepo.find(…)","orm":"TypeORM","hint":"relations: { author: true }"}, line: 7, column: 26, endLine: 7, endColumn: 67 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'postRepo.find(…)', loaded: 'post.author' }, output: `import { postRepo, userRepo } from './db';

export async function run() {
  const posts = await postRepo.find({ order: { id: 'ASC' }, relations: { author: true } });
  const out = [];
  for (const post of posts) {
    const author = post.author;
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
` },
  },
  {
    orm: 'sequelize',
    code: `import { Post, User } from './db';

export async function run() {
  const posts = await Post.findAll({ order: [['id', 'ASC']] });
  const out = [];
  for (const post of posts) {
    const author = await User.findByPk(post.authorId);
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: {"call":"User.findByPk(…)","relation":"author","item":"`post`","loop":"`for…of` loop","source":"Post.findAll(…)","orm":"Sequelize","hint":"include: [{ association: 'author' }]"}, line: 7, column: 26, endLine: 7, endColumn: 54 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'Post.findAll(…)', loaded: 'post.author' }, output: `import { Post, User } from './db';

export async function run() {
  const posts = await Post.findAll({ order: [['id', 'ASC']], include: [{ association: 'author' }] });
  const out = [];
  for (const post of posts) {
    const author = post.author;
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
` },
  },
  {
    orm: 'drizzle',
    code: `import { db, eq, users } from './db';

export async function run() {
  const posts = await db.query.posts.findMany({ orderBy: (p, { asc }) => [asc(p.id)] });
  const out = [];
  for (const post of posts) {
    const author = await db.query.users.findFirst({ where: eq(users.id, post.authorId) });
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: {"call":"db.query.users.findFirst(…)","relation":"author","item":"`post`","loop":"`for…of` loop","source":"db.query.posts.findMany(…)","orm":"Drizzle","hint":"with: { author: true }"}, line: 7, column: 26, endLine: 7, endColumn: 90 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'db.query.posts.findMany(…)', loaded: 'post.author' }, output: `import { db, eq, users } from './db';

export async function run() {
  const posts = await db.query.posts.findMany({ orderBy: (p, { asc }) => [asc(p.id)], with: { author: true } });
  const out = [];
  for (const post of posts) {
    const author = post.author;
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
` },
  },
  {
    orm: 'mikroorm',
    code: `import { em, Post, User } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' } });
  const out = [];
  for (const post of posts) {
    const author = await em.findOne(User, post.author.id);
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: { call: 'em.findOne(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'em.find(…)', orm: 'MikroORM', hint: `populate: ['author']` }, line: 7, column: 26, endLine: 7, endColumn: 58 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'em.find(…)', loaded: 'post.author' }, output: `import { em, Post, User } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' }, populate: ['author'] });
  const out = [];
  for (const post of posts) {
    const author = post.author;
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
` },
  },
  {
    orm: 'mikroorm',
    code: `import { em, Post, wrap } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' } });
  const out = [];
  for (const post of posts) {
    await wrap(post.author).init();
    out.push({ title: post.title, author: post.author.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: { call: 'wrap(…).init()', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'em.find(…)', orm: 'MikroORM', hint: `populate: ['author']` }, line: 7, column: 11, endLine: 7, endColumn: 35 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'em.find(…)', loaded: 'post.author' }, output: `import { em, Post, wrap } from './db';

export async function run() {
  const posts = await em.find(Post, {}, { orderBy: { id: 'asc' }, populate: ['author'] });
  const out = [];
  for (const post of posts) {
    out.push({ title: post.title, author: post.author.name });
  }
  return out;
}
` },
  },
  {
    orm: 'objection',
    code: `import type { Model } from 'objection';
import { Post } from './db';

export async function run() {
  const posts = await Post.query().orderBy('id');
  const out = [];
  for (const post of posts) {
    const author = await post.$relatedQuery('author');
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: { call: `post.$relatedQuery('author')`, relation: 'author', item: '`post`', loop: '`for…of` loop', source: `Post.query().orderBy('id')`, orm: 'Objection', hint: `withGraphFetched('author')` }, line: 8, column: 26, endLine: 8, endColumn: 54 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: `Post.query().orderBy('id')`, loaded: 'post.author' }, output: `import type { Model } from 'objection';
import { Post } from './db';

export async function run() {
  const posts = await Post.query().withGraphFetched('author').orderBy('id');
  const out = [];
  for (const post of posts) {
    const author = post.author;
    out.push({ title: post.title, author: author?.name });
  }
  return out;
}
` },
  },
  {
    orm: 'mongoose',
    code: `import { Post } from './db';

export async function run() {
  const posts = await Post.find().sort({ _id: 1 });
  const out = [];
  for (const post of posts) {
    await post.populate('author');
    out.push({ title: post.title, author: post.author });
  }
  return out;
}
`,
    error: { messageId: 'perItemLoad', data: { call: `post.populate('author')`, relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.find().sort(…)', orm: 'Mongoose', hint: `populate('author')` }, line: 7, column: 11, endLine: 7, endColumn: 34 },
    suggestion: { messageId: 'loadWithQuery', data: { relation: 'author', source: 'Post.find().sort(…)', loaded: 'post' }, output: `import { Post } from './db';

export async function run() {
  const posts = await Post.find().populate('author').sort({ _id: 1 });
  const out = [];
  for (const post of posts) {
    out.push({ title: post.title, author: post.author });
  }
  return out;
}
` },
  },
];
