import type { PrismaClient } from '@prisma/client';

export class CommentService {
  constructor(private readonly prisma: PrismaClient) {}

  // BAD: one comment query per post, run concurrently — still N queries.
  async commentsFor(postIds: number[]) {
    return Promise.all(postIds.map((postId) => this.prisma.comment.findMany({ where: { postId } })));
  }

  // GOOD: one query for all posts.
  async commentsForBatched(postIds: number[]) {
    return this.prisma.comment.findMany({ where: { postId: { in: postIds } }, orderBy: { id: 'asc' } });
  }

  // GOOD: a transaction callback's `tx` is recognised, and this loop iterates a small literal list.
  async seed() {
    await this.prisma.$transaction(async (tx) => {
      for (const title of ['Hello', 'World']) {
        await tx.post.findFirst({ where: { title } });
      }
    });
  }
}
