import { EntityManager } from '@mikro-orm/core';
import { Article, User } from './entities';

export class ArticleService {
  constructor(private readonly em: EntityManager) {}

  // BAD: one author query per article.
  async authors(articles: Article[]) {
    const out = [];
    for (const article of articles) {
      out.push(await this.em.findOne(User, { id: article.authorId }));
    }
    return out;
  }

  // GOOD: persist in the loop, flush once: MikroORM batches the inserts.
  async importAll(rows: { title: string }[]) {
    for (const row of rows) {
      this.em.persist(this.em.create(Article, row));
    }
    await this.em.flush();
  }
}
