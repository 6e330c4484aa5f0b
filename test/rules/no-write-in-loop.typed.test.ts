import rule from '../../src/rules/no-write-in-loop.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';

// A Prisma look-alike: a plain object with the `db.user.create({ data })` shape. Syntax alone reports it;
// the checker sees that `create` is declared here, not by Prisma.
const lookAlike = `
const db = { user: { create: async (args: { data: { name: string } }) => args } };
export async function f(users: { name: string }[]) {
  for (const user of users) await db.user.create({ data: { name: user.name } });
}
`;

// Rows typed as a Sequelize model but not loaded in this function: only the checker knows they are rows.
const typedRows = `
import { Model } from 'sequelize';
class Order extends Model {
  declare total: number;
}
export async function close(orders: Order[]) {
  for (const order of orders) await order.destroy();
}
`;

ruleTester.run('no-write-in-loop (syntax only)', rule, {
  valid: [typedRows],
  invalid: [
    {
      code: lookAlike,
      errors: [
        {
          messageId: 'writeInLoop',
          data: { call: 'db.user.create(…)', item: '`user`', loop: '`for…of` loop', orm: 'Prisma', hint: 'createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })' },
          line: 4, column: 35, endLine: 4, endColumn: 80,
          suggestions: [
            {
              messageId: 'useBulkWrite',
              data: { loop: '`for…of` loop', bulk: 'db.user.createMany(…)' },
              output: `
const db = { user: { create: async (args: { data: { name: string } }) => args } };
export async function f(users: { name: string }[]) {
  await db.user.createMany({ data: users.map((user) => ({ name: user.name })) });
}
`,
            },
          ],
        },
      ],
    },
  ],
});

typedRuleTester.run('no-write-in-loop (typed)', rule, {
  valid: [{ name: 'the checker rejects a look-alike', code: lookAlike }],
  invalid: [
    {
      name: 'real Prisma client types confirm the write',
      code: `
import { prisma } from './models';
export async function f(users: { name: string; email: string }[]) {
  for (const user of users) await prisma.user.create({ data: { name: user.name, email: user.email } });
}
`,
      errors: [
        {
          messageId: 'writeInLoop',
          data: { call: 'prisma.user.create(…)', item: '`user`', loop: '`for…of` loop', orm: 'Prisma', hint: 'createMany({ data: rows }), updateMany({ where: { id: { in: ids } }, data })' },
          line: 4, column: 35, endLine: 4, endColumn: 103,
          suggestions: [
            {
              messageId: 'useBulkWrite',
              data: { loop: '`for…of` loop', bulk: 'prisma.user.createMany(…)' },
              output: `
import { prisma } from './models';
export async function f(users: { name: string; email: string }[]) {
  await prisma.user.createMany({ data: users.map((user) => ({ name: user.name, email: user.email })) });
}
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a parameter typed as Sequelize model instances holds rows',
      code: typedRows,
      errors: [
        {
          messageId: 'writeInLoop',
          data: { call: 'order.destroy()', item: '`order`', loop: '`for…of` loop', orm: 'Sequelize', hint: 'bulkCreate(rows), Model.update(values, { where: { id: ids } }), Model.destroy({ where: { id: ids } })' },
          line: 7, column: 37, endLine: 7, endColumn: 52,
          suggestions: [],
        },
      ],
    },
  ],
});
