// createRule hands each rule its options with every default filled in, as typescript-eslint's
// RuleCreator does, but without re-merging options ESLint has already completed.
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createRule } from '../src/create-rule.js';

type Options = [{ limit: number; nested: { deep: boolean; list: string[] }; names: string[] }];
const DEFAULTS: Options = [{ limit: 10, nested: { deep: false, list: ['a'] }, names: [] }];

function recordingRule() {
  const seen: Readonly<Options>[] = [];
  const rule = createRule<Options, 'm'>({
    name: 'recording',
    meta: {
      type: 'problem',
      docs: { description: 'Disallow nothing (records its options)' },
      messages: { m: 'm.' },
      schema: [
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'number', description: 'a number' },
            nested: { type: 'object', additionalProperties: false, description: 'an object', properties: { deep: { type: 'boolean', description: 'a flag' }, list: { type: 'array', items: { type: 'string' }, description: 'a list' } } },
            names: { type: 'array', items: { type: 'string' }, description: 'a list' },
          },
        },
      ],
      defaultOptions: DEFAULTS,
    },
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
  return { rule, seen };
}

/** Calls `create` the way an ESLint that does not apply `meta.defaultOptions` (before 9.15) would. */
function createWith(options: unknown[]): Readonly<Options> {
  const { rule, seen } = recordingRule();
  rule.create({ options } as unknown as Readonly<TSESLint.RuleContext<'m', Options>>);
  return seen[0]!;
}

describe('createRule options', () => {
  it('fills in every default when ESLint has not', () => {
    expect(createWith([])).toEqual(DEFAULTS);
    expect(createWith([{ limit: 5 }])).toEqual([{ limit: 5, nested: { deep: false, list: ['a'] }, names: [] }]);
    expect(createWith([{ limit: 5, nested: { deep: true }, names: ['x'] }])).toEqual([{ limit: 5, nested: { deep: true, list: ['a'] }, names: ['x'] }]);
    // Arrays are replaced, not merged.
    expect(createWith([{ limit: 5, nested: { deep: true, list: [] }, names: ['x'] }])).toEqual([{ limit: 5, nested: { deep: true, list: [] }, names: ['x'] }]);
  });

  it('passes complete options on as they are', () => {
    const complete = [{ limit: 5, nested: { deep: true, list: [] }, names: ['x'] }];
    expect(createWith(complete)).toBe(complete);
  });

  it('gets the merged options from ESLint itself', () => {
    const { rule, seen } = recordingRule();
    const linter = new Linter({ configType: 'flat' });
    const lint = (options: unknown[]) =>
      linter.verify('x;', [{ plugins: { t: { rules: { recording: rule as never } } }, rules: { 't/recording': ['error', ...options] } }], 'file.js');
    lint([]);
    lint([{ nested: { deep: true } }]);
    expect(seen).toEqual([DEFAULTS, [{ limit: 10, nested: { deep: true, list: ['a'] }, names: [] }]]);
  });
});
