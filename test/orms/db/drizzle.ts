// Drizzle 0.45 over better-sqlite3, with relations for `db.query.*.findMany({ with })`.
// Example imports: `import { db, users, posts, comments, eq, inArray, sql } from './db'`.
import Database from 'better-sqlite3';
import { relations } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { caseDatabaseFile, type HarnessHooks } from './harness-env.js';

export { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  score: integer('score').notNull().default(0),
});

export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').notNull().references(() => users.id),
  published: integer('published', { mode: 'boolean' }).notNull().default(false),
  views: integer('views').notNull().default(0),
});

export const comments = sqliteTable('comments', {
  id: integer('id').primaryKey(),
  body: text('body').notNull(),
  postId: integer('post_id').notNull().references(() => posts.id),
  authorId: integer('author_id').notNull().references(() => users.id),
});

export const usersRelations = relations(users, ({ many }) => ({
  posts: many(posts),
  comments: many(comments),
}));

export const postsRelations = relations(posts, ({ one, many }) => ({
  author: one(users, { fields: [posts.authorId], references: [users.id] }),
  comments: many(comments),
}));

export const commentsRelations = relations(comments, ({ one }) => ({
  post: one(posts, { fields: [comments.postId], references: [posts.id] }),
  author: one(users, { fields: [comments.authorId], references: [users.id] }),
}));

export const schema = { users, posts, comments, usersRelations, postsRelations, commentsRelations };

const sqlite = new Database(caseDatabaseFile());
export const db = drizzle(sqlite, { schema });

export const __harness: HarnessHooks = {
  async warm() {
    await db.select({ id: users.id }).from(users).limit(1);
  },
  async close() {
    sqlite.close();
  },
};
