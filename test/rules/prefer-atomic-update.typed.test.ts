import rule from '../../src/rules/prefer-atomic-update.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';

// `post.views + stats.extra`: without types the amount is not visibly a number (it could be string
// concatenation); the checker says `views` is a number. `post.title + stats.extra` is concatenation.
const code = `
import { prisma } from './models';
export async function bump(id: number, stats: { extra: number }) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  await prisma.post.update({ where: { id }, data: { views: post.views + stats.extra } });
  await prisma.post.update({ where: { id }, data: { title: post.title + stats.extra } });
}
`;

ruleTester.run('prefer-atomic-update (syntax only)', rule, { valid: [code], invalid: [] });

typedRuleTester.run('prefer-atomic-update (typed)', rule, {
  valid: [],
  invalid: [
    {
      name: 'the checker knows the field is numeric; a string field plus a number is not reported',
      code,
      errors: [
        {
          messageId: 'readModifyWrite',
          data: { row: 'post', field: 'views', read: 'prisma.post.findUniqueOrThrow(…)', orm: 'Prisma', hint: 'data: { n: { increment: 1 } }' },
          line: 5, column: 60, endLine: 5, endColumn: 84,
          suggestions: [
            {
              messageId: 'useAtomicUpdate',
              data: { field: 'views', update: 'prisma.post.update({ where: { id }, data: { views: { increment: stats.extra } } })' },
              output: `
import { prisma } from './models';
export async function bump(id: number, stats: { extra: number }) {
  const post = await prisma.post.findUniqueOrThrow({ where: { id } });
  await prisma.post.update({ where: { id }, data: { views: { increment: stats.extra } } });
  await prisma.post.update({ where: { id }, data: { title: post.title + stats.extra } });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
