// Mongoose 8: types only. No MongoDB server can run on this machine, so the runtime harness never
// loads this module; it exists so examples can be type-checked against real Mongoose types.
// Example imports: `import { User, Post, Comment } from './db'`.
import mongoose, { Schema, Types, model } from 'mongoose';

export interface IUser { _id: Types.ObjectId; name: string; email: string; score: number }
export interface IPost { _id: Types.ObjectId; title: string; author: Types.ObjectId; published: boolean; views: number }
export interface IComment { _id: Types.ObjectId; body: string; post: Types.ObjectId; author: Types.ObjectId }

const userSchema = new Schema<IUser>({ name: String, email: String, score: { type: Number, default: 0 } });
const postSchema = new Schema<IPost>({
  title: String,
  author: { type: Schema.Types.ObjectId, ref: 'User' },
  published: { type: Boolean, default: false },
  views: { type: Number, default: 0 },
});
const commentSchema = new Schema<IComment>({
  body: String,
  post: { type: Schema.Types.ObjectId, ref: 'Post' },
  author: { type: Schema.Types.ObjectId, ref: 'User' },
});

export const User = model<IUser>('User', userSchema);
export const Post = model<IPost>('Post', postSchema);
export const Comment = model<IComment>('Comment', commentSchema);
export { mongoose };
