// MikroORM 6.6 over better-sqlite3 with EntitySchema (no decorators). `em` is a fork of the
// global EntityManager (the global one refuses context-specific work by default).
// Example imports: `import { em, orm, User, Post, Comment, wrap } from './db'`.
import { Collection, EntitySchema, MikroORM, Utils, wrap } from '@mikro-orm/better-sqlite';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export { Collection, LoadStrategy, QueryOrder, raw, ref, wrap } from '@mikro-orm/better-sqlite';

export interface User { id: number; name: string; email: string; score: number; posts: Collection<Post>; comments: Collection<Comment> }
export interface Post { id: number; title: string; author: User; published: boolean; views: number; comments: Collection<Comment> }
export interface Comment { id: number; body: string; post: Post; author: User }

export const User = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  properties: {
    id: { type: 'integer', primary: true },
    name: { type: 'text' },
    email: { type: 'text' },
    score: { type: 'integer', default: 0 },
    posts: { kind: '1:m', entity: () => 'Post', mappedBy: 'author' },
    comments: { kind: '1:m', entity: () => 'Comment', mappedBy: 'author' },
  },
});

export const Post = new EntitySchema<Post>({
  name: 'Post',
  tableName: 'posts',
  properties: {
    id: { type: 'integer', primary: true },
    title: { type: 'text' },
    author: { kind: 'm:1', entity: () => 'User', fieldName: 'author_id' },
    published: { type: 'boolean', default: false },
    views: { type: 'integer', default: 0 },
    comments: { kind: '1:m', entity: () => 'Comment', mappedBy: 'post' },
  },
});

export const Comment = new EntitySchema<Comment>({
  name: 'Comment',
  tableName: 'comments',
  properties: {
    id: { type: 'integer', primary: true },
    body: { type: 'text' },
    post: { kind: 'm:1', entity: () => 'Post', fieldName: 'post_id' },
    author: { kind: 'm:1', entity: () => 'User', fieldName: 'author_id' },
  },
});

export const orm = await MikroORM.init({
  dbName: caseDatabaseFile(),
  entities: [User, Post, Comment],
  discovery: { warnWhenNoEntities: false },
  debug: false,
  allowGlobalContext: false,
});

export const em = orm.em.fork();

export const __harness: HarnessHooks = {
  async warm() {
    await orm.em.fork().find(User, {}, { limit: 1, orderBy: { id: 'asc' } });
  },
  async close() {
    await orm.close(true);
  },
  plain(value) {
    return Utils.isEntity(value) ? wrap(value).toObject() : undefined;
  },
};
