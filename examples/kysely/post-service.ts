import { db } from './db';

// BAD: one query per post.
export async function authorsOf(posts: { author_id: number }[]) {
  const authors = [];
  for (const post of posts) {
    authors.push(await db.selectFrom('users').selectAll().where('id', '=', post.author_id).executeTakeFirst());
  }
  return authors;
}

// GOOD: one query with `in`.
export async function authorsOfBatched(posts: { author_id: number }[]) {
  return db.selectFrom('users').selectAll().where('id', 'in', posts.map((p) => p.author_id)).execute();
}
