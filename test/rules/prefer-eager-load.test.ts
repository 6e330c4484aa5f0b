import noQueryInLoop from '../../src/rules/no-query-in-loop.js';
import rule from '../../src/rules/prefer-eager-load.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

const prisma = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;

ruleTester.run('prefer-eager-load', rule, {
  valid: [
    // Look-alikes: a Map, an array, a cache keyed by the item.
    `
const authors = new Map<number, { name: string }>();
export function names(posts: { authorId: number }[]) {
  return posts.map((post) => authors.get(post.authorId));
}
`,
    `
export async function names(posts: { authorId: number }[], users: { id: number }[]) {
  for (const post of posts) console.log(users.find((u) => u.id === post.authorId));
}
`,
    // No ORM import, a receiver that is no client: evidence is only the method name.
    `
export async function list(store: { user: { findUnique(a: unknown): Promise<unknown> } }, posts: { authorId: number }[]) {
  for (const post of posts) await store.user.findUnique({ where: { id: post.authorId } });
}
`,
    // Prisma batches same-tick \`findUnique\` calls into one query.
    prisma +
      `
export async function list() {
  const posts = await prisma.post.findMany();
  return Promise.all(posts.map((post) => prisma.user.findUnique({ where: { id: post.authorId } })));
}
`,
    // The lookup is not keyed by the item.
    prisma +
      `
export async function list(currentUserId: number) {
  const posts = await prisma.post.findMany();
  for (const post of posts) console.log(post.title, await prisma.user.findUnique({ where: { id: currentUserId } }));
}
`,
    // A second condition: the looked-up row may be absent where the relation is not (no-query-in-loop's report).
    prisma +
      `
export async function list() {
  const posts = await prisma.post.findMany();
  for (const post of posts) await prisma.user.findFirst({ where: { id: post.authorId, active: true } });
}
`,
    // The source query's options are a variable: no rewrite, so the batched lookup of no-query-in-loop applies.
    prisma +
      `
export async function list(args: { where: object }) {
  const posts = await prisma.post.findMany(args);
  for (const post of posts) await prisma.user.findUnique({ where: { id: post.authorId } });
}
`,
    // A loop over a short literal list.
    prisma +
      `
export async function seed() {
  for (const post of [{ id: 1 }, { id: 2 }]) await prisma.post.findUnique({ where: { id: post.id } }).author();
}
`,
    // Already loaded: the per-row call reads the loaded relation without a query.
    `
import { EntityManager } from '@mikro-orm/core';
import { Book } from './entities';
export async function list(em: EntityManager) {
  const books = await em.find(Book, {}, { populate: ['author'] });
  for (const book of books) console.log(await book.author.load());
}
`,
    `
import { Repository } from 'typeorm';
import { Post } from './entities';
export async function list(repo: Repository<Post>) {
  const posts = await repo.find({ relations: { editor: true } });
  for (const post of posts) console.log(await post.editor);
}
`,
    // A model method named like an association getter, with no association in sight.
    `
import { Model } from 'sequelize';
class Post extends Model {}
export async function list() {
  const posts = await Post.findAll();
  for (const post of posts) console.log(await post.getFullName());
}
`,
    // A relation load of something that is not the iterated row.
    `
import { Model } from 'objection';
class Post extends Model {}
export async function list(ids: number[]) {
  const post = await Post.query().findById(1);
  for (const id of ids) console.log(id, await post!.$relatedQuery('tags'));
}
`,
    // Knex and Kysely have no relations: their per-row lookups are no-query-in-loop's (a whereIn batch).
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function list() {
  const posts = await db('posts').select('*');
  for (const post of posts) await db('users').where('id', post.author_id).first();
}
`,
    // Option: relations whose per-row load is accepted.
    {
      code:
        prisma +
        `
export async function list() {
  const posts = await prisma.post.findMany();
  for (const post of posts) await prisma.post.findFirst({ where: { id: post.id } }).author();
}
`,
      options: [{ ignoreRelations: ['author'] }],
    },
  ],
  invalid: [
    // Prisma: keyed lookup, fluent API, to-many with extra filters inside an existing select, unknown rows,
    // nested select moved onto the relation, already included.
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({ where: { published: true } });
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'prisma.user.findUnique(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'prisma.post.findMany(…)', orm: 'Prisma', hint: 'include: { author: true }' },
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 82,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: 'prisma.post.findMany(…)', loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({ where: { published: true }, include: { author: true } });
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({
    where: { published: true },
    include: { tags: true },
  });
  for (const post of posts) {
    const author = await prisma.post.findUnique({ where: { id: post.id } }).author();
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'prisma.post.findUnique(…).author()', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'prisma.post.findMany(…)', orm: 'Prisma', hint: 'include: { author: true }' },
        line: 10,
        column: 26,
        endLine: 10,
        endColumn: 85,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'author', source: 'prisma.post.findMany(…)', loaded: 'post.author' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({
    where: { published: true },
    include: { tags: true, author: true },
  });
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const users = await prisma.user.findMany({ select: { id: true, name: true } });
  for (const user of users) {
    const posts = await prisma.post.findMany({ where: { authorId: user.id, published: true }, orderBy: { id: 'asc' } });
    console.log(user.name, posts.length);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'prisma.post.findMany(…)', relation: 'posts', item: '`user`', loop: '`for…of` loop', source: 'prisma.user.findMany(…)', orm: 'Prisma', hint: 'include: { posts: true }' },
        line: 7,
        column: 25,
        endLine: 7,
        endColumn: 120,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'posts', source: 'prisma.user.findMany(…)', loaded: 'user.posts', assumedFrom: 'post' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const users = await prisma.user.findMany({ select: { id: true, name: true, posts: { where: { published: true }, orderBy: { id: 'asc' } } } });
  for (const user of users) {
    const posts = user.posts;
    console.log(user.name, posts.length);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function render(posts: { id: number }[]) {
  for (const post of posts) {
    console.log(await prisma.post.findFirst({ where: { id: post.id } }).author());
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoadUnknownRows',
        data: { call: 'prisma.post.findFirst(…).author()', relation: 'author', item: '`post`', loop: '`for…of` loop', rows: '`posts`', orm: 'Prisma', hint: 'include: { author: true }' },
        line: 6,
        column: 23,
        endLine: 6,
        endColumn: 81,
        suggestions: [

        ],
      }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany();
  return Promise.all(posts.map(async (post) => ({ ...post, author: await prisma.user.findFirst({ where: { id: post.authorId }, select: { name: true } }) })));
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'prisma.user.findFirst(…)', relation: 'author', item: '`post`', loop: '`Promise.all(posts.map())`', source: 'prisma.post.findMany()', orm: 'Prisma', hint: 'include: { author: true }' },
        line: 6,
        column: 74,
        endLine: 6,
        endColumn: 153,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: 'prisma.post.findMany()', loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({ include: { author: { select: { name: true } } } });
  return Promise.all(posts.map(async (post) => ({ ...post, author: post.author })));
}
` }
        ],
      }
    ],
  },
  {
    code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({ include: { author: true } });
  for (const post of posts) {
    const author = await prisma.user.findUniqueOrThrow({ where: { id: post.authorId } });
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoadLoaded',
        data: { call: 'prisma.user.findUniqueOrThrow(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'prisma.post.findMany(…)', loaded: 'post.author' },
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 89,
        suggestions: [
        { messageId: 'useLoaded', data: { loaded: 'post.author' }, output: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();

export async function list() {
  const posts = await prisma.post.findMany({ include: { author: true } });
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
    // TypeORM: merged into relations (object and array forms), findBy → find, lazy relation, query builder,
    // relation filter `{ author: { id } }`.
  {
    code: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export class PostService {
  constructor(private readonly posts: Repository<Post>, private readonly users: Repository<User>) {}
  async list() {
    const rows = await this.posts.find({ where: { published: true }, relations: { tags: true } });
    for (const post of rows) {
      post.author = await this.users.findOneBy({ id: post.authorId });
    }
    return rows;
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'this.users.findOneBy(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'this.posts.find(…)', orm: 'TypeORM', hint: 'relations: { author: true }' },
        line: 9,
        column: 27,
        endLine: 9,
        endColumn: 70,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: 'this.posts.find(…)', loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export class PostService {
  constructor(private readonly posts: Repository<Post>, private readonly users: Repository<User>) {}
  async list() {
    const rows = await this.posts.find({ where: { published: true }, relations: { tags: true, author: true } });
    for (const post of rows) {
    }
    return rows;
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(ds: DataSource) {
  const posts = await ds.getRepository(Post).findBy({ published: true });
  return Promise.all(posts.map(async (post) => ({ post, author: await ds.manager.findOne(User, { where: { id: post.authorId } }) })));
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'ds.manager.findOne(…)', relation: 'author', item: '`post`', loop: '`Promise.all(posts.map())`', source: 'ds.getRepository(…).findBy(…)', orm: 'TypeORM', hint: 'relations: { author: true }' },
        line: 6,
        column: 71,
        endLine: 6,
        endColumn: 129,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: 'ds.getRepository(…).findBy(…)', loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(ds: DataSource) {
  const posts = await ds.getRepository(Post).find({ where: { published: true }, relations: { author: true } });
  return Promise.all(posts.map(async (post) => ({ post, author: post.author })));
}
` }
        ],
      }
    ],
  },
  {
    code: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(repo: Repository<Post>) {
  const posts = await repo.find({ relations: ['tags'] });
  for (const post of posts) {
    const editor = await post.editor;
    console.log(editor);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'post.editor', relation: 'editor', item: '`post`', loop: '`for…of` loop', source: 'repo.find(…)', orm: 'TypeORM', hint: 'relations: { editor: true }' },
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 37,
        suggestions: [
        { messageId: 'loadWithQueryKeep', data: { relation: 'editor', source: 'repo.find(…)', call: 'post.editor' }, output: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(repo: Repository<Post>) {
  const posts = await repo.find({ relations: ['tags', 'editor'] });
  for (const post of posts) {
    const editor = await post.editor;
    console.log(editor);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(repo: Repository<Post>, users: Repository<User>) {
  const posts = await repo
    .createQueryBuilder('post')
    .where('post.published = :published', { published: true })
    .getMany();
  for (const post of posts) {
    console.log(await users.findOneBy({ id: post.authorId }));
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'users.findOneBy(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: `repo.createQueryBuilder('post').where(…).getMany()`, orm: 'TypeORM', hint: `leftJoinAndSelect('post.author', 'author')` },
        line: 10,
        column: 23,
        endLine: 10,
        endColumn: 61,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: `repo.createQueryBuilder('post').where(…).getMany()`, loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(repo: Repository<Post>, users: Repository<User>) {
  const posts = await repo
    .createQueryBuilder('post')
    .where('post.published = :published', { published: true })
    .leftJoinAndSelect('post.author', 'author')
    .getMany();
  for (const post of posts) {
    console.log(post.author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(ds: DataSource) {
  const users = await ds.getRepository(User).find();
  for (const user of users) {
    const posts = await ds.getRepository(Post).find({ where: { author: { id: user.id } } });
    console.log(posts);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'ds.getRepository(…).find(…)', relation: 'posts', item: '`user`', loop: '`for…of` loop', source: 'ds.getRepository(…).find()', orm: 'TypeORM', hint: 'relations: { posts: true }' },
        line: 7,
        column: 25,
        endLine: 7,
        endColumn: 92,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'posts', source: 'ds.getRepository(…).find()', loaded: 'user.posts', assumedFrom: 'Post' }, output: `import { DataSource, Repository } from 'typeorm';
import { Post, User } from './entities';

export async function list(ds: DataSource) {
  const users = await ds.getRepository(User).find({ relations: { posts: true } });
  for (const user of users) {
    const posts = user.posts;
    console.log(posts);
  }
}
` }
        ],
      }
    ],
  },
    // Sequelize: findByPk, sequelize-typescript $get, an association getter declared in the file, to-many.
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}

export async function list() {
  const posts = await Post.findAll({ where: { published: true } });
  for (const post of posts) {
    const author = await User.findByPk(post.authorId);
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'User.findByPk(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.findAll(…)', orm: 'Sequelize', hint: `include: [{ association: 'author' }]` },
        line: 9,
        column: 26,
        endLine: 9,
        endColumn: 54,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: 'Post.findAll(…)', loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}

export async function list() {
  const posts = await Post.findAll({ where: { published: true }, include: [{ association: 'author' }] });
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}

export async function list() {
  const posts = await Post.findAll({ include: [{ association: 'tags' }] });
  return Promise.all(posts.map(async (post) => ({ post, editor: await post.$get('editor') })));
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: `post.$get('editor')`, relation: 'editor', item: '`post`', loop: '`Promise.all(posts.map())`', source: 'Post.findAll(…)', orm: 'Sequelize', hint: `include: [{ association: 'editor' }]` },
        line: 8,
        column: 71,
        endLine: 8,
        endColumn: 90,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'editor', source: 'Post.findAll(…)', loaded: 'post.editor' }, output: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}

export async function list() {
  const posts = await Post.findAll({ include: [{ association: 'tags' }, { association: 'editor' }] });
  return Promise.all(posts.map(async (post) => ({ post, editor: post.editor })));
}
` }
        ],
      }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}
Post.belongsTo(User, { as: 'author' });

export async function list() {
  const posts = await Post.findAll({ include: Comment });
  for (const post of posts) {
    const author = await post.getAuthor();
    const name = await post.getFullName();
    console.log(author, name);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'post.getAuthor()', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.findAll(…)', orm: 'Sequelize', hint: `include: [{ association: 'author' }]` },
        line: 10,
        column: 26,
        endLine: 10,
        endColumn: 42,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'author', source: 'Post.findAll(…)', loaded: 'post.author' }, output: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}
Post.belongsTo(User, { as: 'author' });

export async function list() {
  const posts = await Post.findAll({ include: [Comment, { association: 'author' }] });
  for (const post of posts) {
    const author = post.author;
    const name = await post.getFullName();
    console.log(author, name);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}

export async function list() {
  const users = await User.findAll();
  for (const user of users) {
    const comments = await Comment.findAll({ where: { userId: user.id } });
    console.log(comments.length);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'Comment.findAll(…)', relation: 'comments', item: '`user`', loop: '`for…of` loop', source: 'User.findAll()', orm: 'Sequelize', hint: `include: [{ association: 'comments' }]` },
        line: 9,
        column: 28,
        endLine: 9,
        endColumn: 75,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'comments', source: 'User.findAll()', loaded: 'user.comments', assumedFrom: 'Comment' }, output: `import { Model } from 'sequelize';
class User extends Model {}
class Post extends Model {}
class Comment extends Model {}

export async function list() {
  const users = await User.findAll({ include: [{ association: 'comments' }] });
  for (const user of users) {
    const comments = user.comments;
    console.log(comments.length);
  }
}
` }
        ],
      }
    ],
  },
    // Drizzle relational queries: nested columns into an existing with, callback where.
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });

export async function list() {
  const posts = await db.query.posts.findMany({ with: { tags: true } });
  for (const post of posts) {
    const author = await db.query.users.findFirst({ where: eq(schema.users.id, post.authorId), columns: { name: true } });
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'db.query.users.findFirst(…)', relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'db.query.posts.findMany(…)', orm: 'Drizzle', hint: 'with: { author: true }' },
        line: 9,
        column: 26,
        endLine: 9,
        endColumn: 122,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: 'db.query.posts.findMany(…)', loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });

export async function list() {
  const posts = await db.query.posts.findMany({ with: { tags: true, author: { columns: { name: true } } } });
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });

export async function list() {
  const posts = await db.query.posts.findMany();
  for (const post of posts) {
    const comments = await db.query.comments.findMany({ where: (c, { eq }) => eq(c.postId, post.id) });
    console.log(comments);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'db.query.comments.findMany(…)', relation: 'comments', item: '`post`', loop: '`for…of` loop', source: 'db.query.posts.findMany()', orm: 'Drizzle', hint: 'with: { comments: true }' },
        line: 9,
        column: 28,
        endLine: 9,
        endColumn: 103,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'comments', source: 'db.query.posts.findMany()', loaded: 'post.comments', assumedFrom: 'comments' }, output: `import { drizzle } from 'drizzle-orm/node-postgres';
import { eq } from 'drizzle-orm';
import * as schema from './schema';
const db = drizzle(process.env.DATABASE_URL!, { schema });

export async function list() {
  const posts = await db.query.posts.findMany({ with: { comments: true } });
  for (const post of posts) {
    const comments = post.comments;
    console.log(comments);
  }
}
` }
        ],
      }
    ],
  },
    // MikroORM: Reference.load() stays (a no-op once populated), Collection.init() goes, em.findOne by reference.
  {
    code: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.find(Book, { published: true });
  for (const book of books) {
    const author = await book.author.load();
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'book.author.load()', relation: 'author', item: '`book`', loop: '`for…of` loop', source: 'em.find(…)', orm: 'MikroORM', hint: `populate: ['author']` },
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 44,
        suggestions: [
        { messageId: 'loadWithQueryKeep', data: { relation: 'author', source: 'em.find(…)', call: 'book.author.load()' }, output: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.find(Book, { published: true }, { populate: ['author'] });
  for (const book of books) {
    const author = await book.author.load();
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.find(Book, {}, { populate: ['author'], orderBy: { id: 'asc' } });
  for (const book of books) {
    await book.tags.init();
    console.log(book.tags.length);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'book.tags.init()', relation: 'tags', item: '`book`', loop: '`for…of` loop', source: 'em.find(…)', orm: 'MikroORM', hint: `populate: ['tags']` },
        line: 7,
        column: 11,
        endLine: 7,
        endColumn: 27,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'tags', source: 'em.find(…)', loaded: 'book.tags' }, output: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.find(Book, {}, { populate: ['author', 'tags'], orderBy: { id: 'asc' } });
  for (const book of books) {
    console.log(book.tags.length);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.findAll(Book, { where: { published: true } });
  for (const book of books) {
    const author = await em.findOne(Author, book.author.id);
    await wrap(book.publisher).init();
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'em.findOne(…)', relation: 'author', item: '`book`', loop: '`for…of` loop', source: 'em.findAll(…)', orm: 'MikroORM', hint: `populate: ['author']` },
        line: 7,
        column: 26,
        endLine: 7,
        endColumn: 60,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'author', source: 'em.findAll(…)', loaded: 'book.author' }, output: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.findAll(Book, { where: { published: true }, populate: ['author'] });
  for (const book of books) {
    const author = book.author;
    await wrap(book.publisher).init();
    console.log(author);
  }
}
` }
        ],
      },
      {
        messageId: 'perItemLoad',
        data: { call: 'wrap(…).init()', relation: 'publisher', item: '`book`', loop: '`for…of` loop', source: 'em.findAll(…)', orm: 'MikroORM', hint: `populate: ['publisher']` },
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 38,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'publisher', source: 'em.findAll(…)', loaded: 'book.publisher' }, output: `import { EntityManager, wrap } from '@mikro-orm/core';
import { Author, Book } from './entities';

export async function list(em: EntityManager) {
  const books = await em.findAll(Book, { where: { published: true }, populate: ['publisher'] });
  for (const book of books) {
    const author = await em.findOne(Author, book.author.id);
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
    // Objection: $relatedQuery, findById merged into an existing graph, filtered related query, $fetchGraph.
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}

export async function list() {
  const posts = await Post.query().where('published', true);
  for (const post of posts) {
    const author = await post.$relatedQuery('author');
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: `post.$relatedQuery('author')`, relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.query().where(…)', orm: 'Objection', hint: `withGraphFetched('author')` },
        line: 8,
        column: 26,
        endLine: 8,
        endColumn: 54,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'author', source: 'Post.query().where(…)', loaded: 'post.author' }, output: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}

export async function list() {
  const posts = await Post.query().withGraphFetched('author').where('published', true);
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}

export async function list() {
  const posts = await Post.query().withGraphFetched('[tags]').orderBy('id');
  return Promise.all(posts.map(async (post) => ({ post, author: await Person.query().findById(post.authorId) })));
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'Person.query().findById(…)', relation: 'author', item: '`post`', loop: '`Promise.all(posts.map())`', source: `Post.query().withGraphFetched('[tags]').orderBy('id')`, orm: 'Objection', hint: `withGraphFetched('author')` },
        line: 7,
        column: 71,
        endLine: 7,
        endColumn: 109,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: `Post.query().withGraphFetched('[tags]').orderBy('id')`, loaded: 'post.author', assumedFrom: 'authorId' }, output: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}

export async function list() {
  const posts = await Post.query().withGraphFetched('[tags, author]').orderBy('id');
  return Promise.all(posts.map(async (post) => ({ post, author: post.author })));
}
` }
        ],
      }
    ],
  },
  {
    code: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}

export async function list() {
  const people = await Person.query();
  for (const person of people) {
    const pets = await person.$relatedQuery('pets').where('species', 'dog');
    await person.$fetchGraph('children');
    console.log(pets);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: `person.$relatedQuery('pets').where(…)`, relation: 'pets', item: '`person`', loop: '`for…of` loop', source: 'Person.query()', orm: 'Objection', hint: `withGraphFetched('pets')` },
        line: 8,
        column: 24,
        endLine: 8,
        endColumn: 76,
        suggestions: [

        ],
      },
      {
        messageId: 'perItemLoad',
        data: { call: `person.$fetchGraph('children')`, relation: 'children', item: '`person`', loop: '`for…of` loop', source: 'Person.query()', orm: 'Objection', hint: `withGraphFetched('children')` },
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 41,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'children', source: 'Person.query()', loaded: 'person' }, output: `import { Model } from 'objection';
class Person extends Model {}
class Post extends Model {}

export async function list() {
  const people = await Person.query().withGraphFetched('children');
  for (const person of people) {
    const pets = await person.$relatedQuery('pets').where('species', 'dog');
    console.log(pets);
  }
}
` }
        ],
      }
    ],
  },
    // Mongoose: findById by the ref field, doc.populate, a projection that drops the path.
  {
    code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
const Post = model('Post', new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } }));

export async function list() {
  const posts = await Post.find({ published: true }).populate('tags').lean();
  for (const post of posts) {
    const author = await User.findById(post.author).lean();
    console.log(author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: 'User.findById(…).lean()', relation: 'author', item: '`post`', loop: '`for…of` loop', source: `Post.find(…).populate('tags').lean()`, orm: 'Mongoose', hint: `populate('author')` },
        line: 8,
        column: 26,
        endLine: 8,
        endColumn: 59,
        suggestions: [
        { messageId: 'loadWithQueryAssumed', data: { relation: 'author', source: `Post.find(…).populate('tags').lean()`, loaded: 'post.author', assumedFrom: 'post.author' }, output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
const Post = model('Post', new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } }));

export async function list() {
  const posts = await Post.find({ published: true }).populate('tags author').lean();
  for (const post of posts) {
    const author = post.author;
    console.log(author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
const Post = model('Post', new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } }));

export async function list() {
  const posts = await Post.find().sort({ createdAt: -1 });
  for (const post of posts) {
    await post.populate('author');
    console.log(post.author);
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: `post.populate('author')`, relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.find().sort(…)', orm: 'Mongoose', hint: `populate('author')` },
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 34,
        suggestions: [
        { messageId: 'loadWithQuery', data: { relation: 'author', source: 'Post.find().sort(…)', loaded: 'post' }, output: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
const Post = model('Post', new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } }));

export async function list() {
  const posts = await Post.find().populate('author').sort({ createdAt: -1 });
  for (const post of posts) {
    console.log(post.author);
  }
}
` }
        ],
      }
    ],
  },
  {
    code: `import { model, Schema } from 'mongoose';
const User = model('User', new Schema({ name: String }));
const Post = model('Post', new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } }));

export async function list() {
  const posts = await Post.find({}, 'title');
  for (const post of posts) {
    await post.populate('author');
  }
}
`,
    errors: [
      {
        messageId: 'perItemLoad',
        data: { call: `post.populate('author')`, relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.find(…)', orm: 'Mongoose', hint: `populate('author')` },
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 34,
        suggestions: [

        ],
      }
    ],
  },
  ],
});

// no-query-in-loop leaves per-row relation loads to prefer-eager-load, and keeps the lookups it cannot rewrite.
ruleTester.run('no-query-in-loop (with prefer-eager-load)', noQueryInLoop, {
  valid: [
    prisma +
      `
export async function list() {
  const posts = await prisma.post.findMany();
  for (const post of posts) console.log(await prisma.user.findUnique({ where: { id: post.authorId } }));
}
`,
    prisma +
      `
export async function render(posts: { id: number }[]) {
  for (const post of posts) console.log(await prisma.post.findFirst({ where: { id: post.id } }).author());
}
`,
  ],
  invalid: [
    {
      // The source query's options are a variable: no eager-load rewrite, so the batched lookup stays.
      code:
        prisma +
        `
export async function list(args: { where: object }) {
  const posts = await prisma.post.findMany(args);
  for (const post of posts) console.log(await prisma.user.findFirst({ where: { id: post.authorId } }));
}
`,
      errors: [
        {
          messageId: 'queryInLoop',
          data: { call: 'prisma.user.findFirst(…)', item: '`post`', loop: '`for…of` loop', orm: 'Prisma', hint: 'findMany({ where: { id: { in: ids } } })' },
          line: 6,
          column: 47,
          endLine: 6,
          endColumn: 102,
          suggestions: [
            {
              messageId: 'useBatchQuery',
              data: { model: 'user', loop: '`for…of` loop' },
              output:
                prisma +
                `
export async function list(args: { where: object }) {
  const posts = await prisma.post.findMany(args);
  const userById = new Map((await prisma.user.findMany({ where: { id: { in: posts.map((post) => post.authorId) } } })).map((row) => [row.id, row] as const));
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

// Without TypeScript (espree on a .js file) the rule still finds the per-row load.
jsRuleTester.run('prefer-eager-load (espree)', rule as never, {
  valid: [],
  invalid: [
    {
      filename: 'file.js',
      code: `import { Model } from 'objection';
class Post extends Model {}
export async function list() {
  const posts = await Post.query();
  for (const post of posts) console.log(await post.$relatedQuery('author'));
}
`,
      errors: [
        {
          messageId: 'perItemLoad',
          data: { call: "post.$relatedQuery('author')", relation: 'author', item: '`post`', loop: '`for…of` loop', source: 'Post.query()', orm: 'Objection', hint: "withGraphFetched('author')" },
          line: 5,
          column: 47,
          endLine: 5,
          endColumn: 75,
          suggestions: [
            {
              messageId: 'loadWithQuery',
              data: { relation: 'author', source: 'Post.query()', loaded: 'post.author' },
              output: `import { Model } from 'objection';
class Post extends Model {}
export async function list() {
  const posts = await Post.query().withGraphFetched('author');
  for (const post of posts) console.log(post.author);
}
`,
            },
          ],
        },
      ],
    },
  ],
});
