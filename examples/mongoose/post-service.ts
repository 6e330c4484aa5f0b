import { Post, User } from './models';

// BAD: one findById per post.
export async function authorsOf() {
  const posts = await Post.find().sort({ _id: 1 });
  const authors = [];
  for (const post of posts) {
    authors.push(await User.findById(post.author));
  }
  return authors;
}

// GOOD: populate the reference in the list query ($in under the hood).
export async function postsWithAuthors() {
  return Post.find().sort({ _id: 1 }).populate('author');
}
