import rule from '../../src/rules/no-slow-call-in-transaction.js';
import { jsRuleTester, ruleTester } from '../rule-tester.js';

const message = (call: string, kind: string, orm: string) => ({ call, kind, orm });

ruleTester.run('no-slow-call-in-transaction', rule, {
  valid: [
    // Slow work before the transaction starts and after it commits.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function pay(id: number) {
  const quote = await fetch('https://pay.example/quote');
  await prisma.$transaction(async (tx) => {
    await tx.order.update({ where: { id }, data: { quoted: quote.ok } });
  });
  await fetch('https://hooks.example/paid');
}
`,
    // Not a transaction callback.
    `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function sync(ids: number[]) {
  await Promise.all(ids.map(async (id) => {
    const res = await fetch('https://api.example/' + id);
    await prisma.item.update({ where: { id }, data: { ok: res.ok } });
  }));
}
`,
    // A call the rule does not know as slow, without configuration.
    `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function signUp(email: string, mailer: { send(to: string): Promise<void> }) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ email });
    await mailer.send(email);
  });
}
`,
  ],
  invalid: [
    {
      code: `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function pay(id: number) {
  await prisma.$transaction(async (tx) => {
    await tx.order.update({ where: { id }, data: { status: 'paying' } });
    const res = await fetch('https://pay.example/charge', { method: 'POST' });
    await tx.order.update({ where: { id }, data: { status: res.ok ? 'paid' : 'failed' } });
  });
}
`,
      errors: [
        { messageId: 'slowCallInTransaction', data: message('fetch(…)', 'an HTTP request', 'Prisma'), line: 7, column: 17, endLine: 7, endColumn: 78 },
      ],
    },
    {
      code: `
import { DataSource } from 'typeorm';
import axios from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
const dataSource = new DataSource({ type: 'postgres' });
export async function retry(id: number) {
  await dataSource.transaction(async (manager) => {
    await axios.post('https://hooks.example', { id });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await sleep(500);
    await manager.query('SELECT 1');
  });
}
`,
      errors: [
        { messageId: 'slowCallInTransaction', data: message('axios.post(…)', 'an HTTP request', 'TypeORM'), line: 8, column: 5, endLine: 8, endColumn: 54 },
        { messageId: 'slowCallInTransaction', data: message('new Promise(…)', 'a timer', 'TypeORM'), line: 9, column: 5, endLine: 9, endColumn: 62 },
        { messageId: 'slowCallInTransaction', data: message('sleep(500)', 'a timer', 'TypeORM'), line: 10, column: 5, endLine: 10, endColumn: 21 },
      ],
    },
    {
      code: `
import { Injectable } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';
import { Sequelize } from 'sequelize';
@Injectable()
export class Billing {
  constructor(private readonly sequelize: Sequelize, private readonly httpService: HttpService) {}
  async charge() {
    await this.sequelize.transaction(async (t) => {
      await firstValueFrom(this.httpService.post('https://pay.example/charge', {}));
    });
  }
}
`,
      errors: [
        { messageId: 'slowCallInTransaction', data: message('firstValueFrom(…)', 'an HTTP request', 'Sequelize'), line: 11, column: 7, endLine: 11, endColumn: 84 },
      ],
    },
    // slowFunctions
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function signUp(email: string, mailer: { send(to: string): Promise<void> }) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ email });
    await mailer.send(email);
  });
}
`,
      options: [{ slowFunctions: ['mailer.send'] }],
      errors: [{ messageId: 'slowCallInTransaction', data: message('mailer.send(email)', 'slow work', 'Knex'), line: 7, column: 5, endLine: 7, endColumn: 29 }],
    },
  ],
});

jsRuleTester.run('no-slow-call-in-transaction (espree)', rule, {
  valid: [],
  invalid: [
    {
      code: `
import knex from 'knex';
const db = knex({ client: 'pg' });
export async function signUp(email) {
  await db.transaction(async (trx) => {
    await trx('users').insert({ email });
    await fetch('https://crm.example/lead');
  });
}
`,
      errors: [{ messageId: 'slowCallInTransaction', data: message('fetch(…)', 'an HTTP request', 'Knex'), line: 7, column: 5, endLine: 7, endColumn: 44 }],
    },
  ],
});
