import { Post, User } from './models';

// BAD: one User query per post.
export async function authorsOfPosts() {
  const posts = await Post.findAll({ order: [['id', 'ASC']] });
  const authors = [];
  for (const post of posts) {
    authors.push(await User.findByPk(post.authorId));
  }
  return authors;
}

// GOOD: eager loading with include.
export async function postsWithAuthors() {
  return Post.findAll({ include: [{ model: User, as: 'author' }], order: [['id', 'ASC']] });
}
