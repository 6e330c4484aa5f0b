import mongoose, { Schema } from 'mongoose';

export const User = mongoose.model('User', new Schema({ name: String }));
export const Post = mongoose.model('Post', new Schema({ title: String, author: { type: Schema.Types.ObjectId, ref: 'User' } }));
