// Child-process side of the runtime harness (see harness.ts and README.md).
//
//   node runner.mjs <caseDir>
//
// <caseDir> holds case.json ({ orm, n, ormsDir }), db.mjs (the per-ORM client module) and
// example.mjs (the example under test), plus a node_modules symlink to test/orms/node_modules.
// The runner instruments the SQLite drivers, creates and seeds <caseDir>/case.sqlite, loads db.mjs,
// warms the connection, then counts every statement executed while example.mjs's run() is
// awaited. It writes <caseDir>/result.json and exits (so nothing an ORM leaves open can hang).
//
// A group (case.json { orm, ormsDir, runs: [{ n }, …] }, from runOrmGroup) runs example-<i>.mjs one
// after another in this process, each on its own case-<i>.sqlite and with its own instance of the
// db module (db.mjs?run=<i>, which example-<i>.mjs imports), and writes { runs: [...] }.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const caseDir = path.resolve(process.argv[2] ?? '');
const spec = JSON.parse(readFileSync(path.join(caseDir, 'case.json'), 'utf8'));
const requireOrm = createRequire(path.join(spec.ormsDir, 'package.json'));

// ---------------------------------------------------------------------------------------------
// Statement counting at the driver.

const counter = { active: false, statements: [] };

/** Classifies one SQL statement: 'data' for SELECT/INSERT/UPDATE/DELETE/WITH/REPLACE/VALUES. */
function classify(sql) {
  const text = String(sql)
    .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '')
    .replace(/^\(+\s*/, '');
  return /^(select|insert|update|delete|with|replace|values)\b/i.test(text) ? 'data' : 'other';
}

function record(sql) {
  if (!counter.active) return null;
  const entry = { sql: String(sql).trim(), kind: classify(sql), rows: 0 };
  counter.statements.push(entry);
  return entry;
}

/** Splits the text given to exec() into statements (semicolons outside quotes and comments). */
function splitStatements(text) {
  const out = [];
  let cur = '';
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      cur += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      cur += ch;
    } else if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (ch === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else {
      cur += ch;
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function instrumentBetterSqlite3(Database) {
  const probe = new Database(':memory:');
  const StatementProto = Object.getPrototypeOf(probe.prepare('select 1'));
  probe.close();
  if (StatementProto.__ormHarness) return;
  Object.defineProperty(StatementProto, '__ormHarness', { value: true });

  const { run, get, all, iterate } = StatementProto;
  StatementProto.run = function (...args) {
    record(this.source);
    return run.apply(this, args);
  };
  StatementProto.get = function (...args) {
    const entry = record(this.source);
    const row = get.apply(this, args);
    if (entry && row !== undefined) entry.rows = 1;
    return row;
  };
  StatementProto.all = function (...args) {
    const entry = record(this.source);
    const rows = all.apply(this, args);
    if (entry && Array.isArray(rows)) entry.rows = rows.length;
    return rows;
  };
  StatementProto.iterate = function (...args) {
    const entry = record(this.source);
    const it = iterate.apply(this, args);
    if (!entry) return it;
    return (function* counted() {
      for (const row of it) {
        entry.rows++;
        yield row;
      }
    })();
  };
  const exec = Database.prototype.exec;
  Database.prototype.exec = function (source) {
    for (const s of splitStatements(String(source))) record(s);
    return exec.call(this, source);
  };
}

function instrumentSqlite3(sqlite3) {
  const StatementProto = sqlite3.Statement.prototype;
  if (StatementProto.__ormHarness) return;
  Object.defineProperty(StatementProto, '__ormHarness', { value: true });

  // Callback-style methods: the first function argument is the (row/rows) callback.
  const wrap = (name, countRows) => {
    const original = StatementProto[name];
    StatementProto[name] = function (...args) {
      const entry = record(this.sql);
      if (entry && countRows) {
        const i = args.findIndex((a) => typeof a === 'function');
        if (i !== -1) {
          const cb = args[i];
          args[i] = function (err, value) {
            if (!err) countRows(entry, value);
            return cb.apply(this, arguments);
          };
        }
      }
      return original.apply(this, args);
    };
  };
  wrap('run', null);
  wrap('get', (entry, row) => {
    if (row !== undefined) entry.rows = 1;
  });
  wrap('all', (entry, rows) => {
    if (Array.isArray(rows)) entry.rows = rows.length;
  });
  wrap('each', (entry) => {
    entry.rows++;
  });
  const exec = sqlite3.Database.prototype.exec;
  sqlite3.Database.prototype.exec = function (sql, ...rest) {
    for (const s of splitStatements(String(sql))) record(s);
    return exec.call(this, sql, ...rest);
  };
}

// ---------------------------------------------------------------------------------------------
// Schema and deterministic seed (same for every ORM).

const SCHEMA = `
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  score INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users(id),
  published INTEGER NOT NULL DEFAULT 0,
  views INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT NOT NULL,
  post_id INTEGER NOT NULL REFERENCES posts(id),
  author_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX posts_author_id ON posts(author_id);
CREATE INDEX comments_post_id ON comments(post_id);
CREATE INDEX comments_author_id ON comments(author_id);
`;

function seed(db, n) {
  const insertUser = db.prepare('INSERT INTO users (id, name, email, score) VALUES (?, ?, ?, ?)');
  const insertPost = db.prepare('INSERT INTO posts (id, title, author_id, published, views) VALUES (?, ?, ?, ?, ?)');
  const insertComment = db.prepare('INSERT INTO comments (id, body, post_id, author_id) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) insertUser.run(i, `User ${i}`, `user${i}@example.com`, (i * 7) % 100);
    // Post i is written by user i: every post has a different author, so no identity map or
    // per-request cache can hide an N+1.
    for (let i = 1; i <= n; i++) insertPost.run(i, `Post ${i}`, i, i % 2, (i * 13) % 50);
    for (let i = 1; i <= n; i++) {
      insertComment.run(2 * i - 1, `Comment 1 on post ${i}`, i, (i % n) + 1);
      insertComment.run(2 * i, `Comment 2 on post ${i}`, i, ((i + 1) % n) + 1);
    }
  })();
}

// ---------------------------------------------------------------------------------------------
// Result normalisation to plain JSON data (sorted keys so results compare as strings too).

function toPlain(value, hook, stack = new Set()) {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  }
  if (stack.has(value)) return '[Circular]';
  stack.add(value);
  try {
    if (hook) {
      const replaced = hook(value);
      if (replaced !== undefined && replaced !== value) return toPlain(replaced, hook, stack);
    }
    if (value instanceof Date) return value.toISOString();
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    if (value instanceof Map) return toPlain(Object.fromEntries(value), hook, stack);
    if (value instanceof Set) return toPlain([...value], hook, stack);
    if (Array.isArray(value)) return value.map((v) => toPlain(v, hook, stack) ?? null);
    if (typeof value.toJSON === 'function') {
      const json = value.toJSON();
      if (json !== value) return toPlain(json, hook, stack);
    }
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const v = toPlain(value[key], hook, stack);
      if (v !== undefined) out[key] = v;
    }
    return out;
  } finally {
    stack.delete(value);
  }
}

// ---------------------------------------------------------------------------------------------

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * One example on its own fresh database: `dbFile` seeded for `n`, the db module imported from
 * `dbUrl` (a fresh module instance per run, so every run gets new clients), `exampleUrl` counted.
 */
async function runOne(Database, { n, dbFile, dbUrl, exampleUrl }) {
  const raw = new Database(dbFile);
  raw.exec(SCHEMA);
  seed(raw, n);
  raw.close();
  process.env.ORM_CASE_DB = dbFile;
  counter.statements = [];

  const t0 = performance.now();
  const dbModule = await import(dbUrl);
  const hooks = dbModule.__harness;
  await hooks.warm();
  const warmMs = performance.now() - t0;

  let result;
  let error;
  const t1 = performance.now();
  counter.active = true;
  try {
    const example = await import(exampleUrl);
    if (typeof example.run !== 'function') throw new Error('the example module must export an async function run()');
    result = await example.run();
    // Let statements that the example started but did not await (eager ORMs) reach the driver.
    await settle();
  } catch (e) {
    error = { message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
  }
  counter.active = false;
  const runMs = performance.now() - t1;

  let plain;
  try {
    plain = error ? undefined : toPlain(result, hooks.plain?.bind(hooks));
  } catch (e) {
    error = { message: `could not normalise the result: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    await hooks.close();
  } catch (e) {
    error ??= { message: `close() failed: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { result: plain ?? null, error, statements: counter.statements, warmMs, runMs };
}

async function main() {
  const Database = requireOrm('better-sqlite3');
  instrumentBetterSqlite3(Database);
  if (spec.orm === 'sequelize') instrumentSqlite3(requireOrm('sqlite3'));
  const url = (file) => pathToFileURL(path.join(caseDir, file)).href;

  if (Array.isArray(spec.runs)) {
    // A group: several examples one after another in this process, each on its own database and
    // with its own instance of the db module (`db.mjs?run=<i>`), which the example imports.
    const runs = [];
    for (const [i, run] of spec.runs.entries()) {
      runs.push(await runOne(Database, { n: run.n, dbFile: path.join(caseDir, `case-${i}.sqlite`), dbUrl: `${url('db.mjs')}?run=${i}`, exampleUrl: url(`example-${i}.mjs`) }));
    }
    writeFileSync(path.join(caseDir, 'result.json'), JSON.stringify({ runs }));
    return;
  }
  const one = await runOne(Database, { n: spec.n, dbFile: path.join(caseDir, 'case.sqlite'), dbUrl: url('db.mjs'), exampleUrl: url('example.mjs') });
  writeFileSync(path.join(caseDir, 'result.json'), JSON.stringify(one));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
