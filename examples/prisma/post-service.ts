import { prisma } from './db';

// BAD: one query per post to load its author (N+1).
export async function listPostsWithAuthors() {
  const posts = await prisma.post.findMany({ where: { published: true }, orderBy: { id: 'asc' } });
  const result = [];
  for (const post of posts) {
    const author = await prisma.user.findUnique({ where: { id: post.authorId } });
    result.push({ ...post, author });
  }
  return result;
}

// GOOD: the relation is loaded with the list, in one extra query at most.
export async function listPostsWithAuthorsEager() {
  return prisma.post.findMany({ where: { published: true }, orderBy: { id: 'asc' }, include: { author: true } });
}

// GOOD: Prisma batches same-tick findUnique calls into one query.
export async function usersByIds(ids: number[]) {
  return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } })));
}
