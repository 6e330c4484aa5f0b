// TypeORM 1.1 over better-sqlite3 with EntitySchema (no decorators, so no decorator metadata needed).
// Example imports: `import { dataSource, userRepo, postRepo, commentRepo, User, Post, Comment, In } from './db'`.
import 'reflect-metadata';
import { DataSource, EntitySchema } from 'typeorm';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export {
  Any, Between, Equal, ILike, In, IsNull, LessThan, LessThanOrEqual, Like, MoreThan, MoreThanOrEqual, Not, Raw,
} from 'typeorm';

export interface User { id: number; name: string; email: string; score: number; posts?: Post[]; comments?: Comment[] }
export interface Post { id: number; title: string; authorId: number; published: boolean; views: number; author?: User; comments?: Comment[] }
export interface Comment { id: number; body: string; postId: number; authorId: number; post?: Post; author?: User }

export const User = new EntitySchema<User>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    email: { type: 'text' },
    score: { type: 'integer', default: 0 },
  },
  relations: {
    posts: { type: 'one-to-many', target: 'Post', inverseSide: 'author' },
    comments: { type: 'one-to-many', target: 'Comment', inverseSide: 'author' },
  },
});

export const Post = new EntitySchema<Post>({
  name: 'Post',
  tableName: 'posts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    title: { type: 'text' },
    authorId: { type: 'integer', name: 'author_id' },
    published: { type: 'boolean', default: false },
    views: { type: 'integer', default: 0 },
  },
  relations: {
    author: { type: 'many-to-one', target: 'User', inverseSide: 'posts', joinColumn: { name: 'author_id' } },
    comments: { type: 'one-to-many', target: 'Comment', inverseSide: 'post' },
  },
});

export const Comment = new EntitySchema<Comment>({
  name: 'Comment',
  tableName: 'comments',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    body: { type: 'text' },
    postId: { type: 'integer', name: 'post_id' },
    authorId: { type: 'integer', name: 'author_id' },
  },
  relations: {
    post: { type: 'many-to-one', target: 'Post', inverseSide: 'comments', joinColumn: { name: 'post_id' } },
    author: { type: 'many-to-one', target: 'User', inverseSide: 'comments', joinColumn: { name: 'author_id' } },
  },
});

export const dataSource = new DataSource({
  type: 'better-sqlite3',
  database: caseDatabaseFile(),
  entities: [User, Post, Comment],
  synchronize: false,
  logging: false,
});
await dataSource.initialize();

export const manager = dataSource.manager;
export const userRepo = dataSource.getRepository(User);
export const postRepo = dataSource.getRepository(Post);
export const commentRepo = dataSource.getRepository(Comment);

export const __harness: HarnessHooks = {
  async warm() {
    await userRepo.find({ take: 1, order: { id: 'ASC' } });
  },
  async close() {
    await dataSource.destroy();
  },
};
