import rule from '../../src/rules/no-outer-client-in-transaction.js';
import { ruleTester, typedRuleTester } from '../rule-tester.js';

// A repository returned by a helper in another file: only the checker knows it is a TypeORM repository.
const code = `
import { DataSource } from 'typeorm';
import { usersRepository } from './models';
const dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await usersRepository().update(id, { name });
  });
}
`;

ruleTester.run('no-outer-client-in-transaction (syntax only)', rule, { valid: [code], invalid: [] });

typedRuleTester.run('no-outer-client-in-transaction (typed)', rule, {
  valid: [],
  invalid: [
    {
      name: 'a repository from a helper is outside the transaction',
      code,
      errors: [
        {
          messageId: 'outsideTransaction',
          data: { call: 'usersRepository().update(…)', orm: 'TypeORM', missing: "the transaction's entity manager `manager`" },
          line: 7, column: 11, endLine: 7, endColumn: 49,
          suggestions: [
            {
              messageId: 'useTransaction',
              data: { fixed: 'manager.withRepository(usersRepository()).update(id, { name })' },
              output: `
import { DataSource } from 'typeorm';
import { usersRepository } from './models';
const dataSource = new DataSource({ type: 'sqlite', database: ':memory:' });
export async function rename(id: number, name: string) {
  await dataSource.transaction(async (manager) => {
    await manager.withRepository(usersRepository()).update(id, { name });
  });
}
`,
            },
          ],
        },
      ],
    },
  ],
});
