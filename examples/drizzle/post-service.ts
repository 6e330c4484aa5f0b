import { eq, inArray } from 'drizzle-orm';
import { db } from './db';
import { posts, users } from './schema';

// BAD: one select per post.
export async function authorsOf(postList: { authorId: number }[]) {
  const out = [];
  for (const post of postList) {
    const [author] = await db.select().from(users).where(eq(users.id, post.authorId));
    out.push(author);
  }
  return out;
}

// GOOD: one select with inArray.
export async function authorsOfBatched(postList: { authorId: number }[]) {
  return db.select().from(users).where(inArray(users.id, postList.map((p) => p.authorId)));
}

// GOOD: the relational API loads `author` in the same statement.
export async function postsWithAuthors() {
  return db.query.posts.findMany({ with: { author: true } });
}

export { posts };
