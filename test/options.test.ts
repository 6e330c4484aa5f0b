// Options validation for every rule in src/rules/index.ts, through ESLint's own config validation
// (what users hit): the defaults and valid values are accepted; an unknown key is rejected with a
// message naming it; a value of the wrong type for any option, at any depth, is rejected.
//
// Wrong values are derived from each rule's JSON schema, so a new rule or option is covered without
// editing this file. ESLint 10 names the offending key for unknown keys ("Unexpected property") but
// for a wrong type prints the value and the expected type ("Value "yes" should be boolean."); each
// case below sets a single option, and the same option with a valid value is accepted, so the
// rejection belongs to that option.
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';

const linter = new Linter({ configType: 'flat' });

/** Lints an empty file with the rule configured with `options`; ESLint throws when they are invalid. */
function configure(ruleName: string, options: readonly unknown[]): () => void {
  return () => {
    linter.verify('', [{ plugins: { orm: plugin as never }, rules: { [`orm/${ruleName}`]: ['error', ...options] } }], 'file.js');
  };
}

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

/** The parts of JSON Schema that option schemas use. */
interface JSONSchema4 {
  type?: JsonType | JsonType[];
  enum?: unknown[];
  oneOf?: JSONSchema4[];
  anyOf?: JSONSchema4[];
  items?: JSONSchema4 | JSONSchema4[];
  properties?: Record<string, JSONSchema4>;
  additionalProperties?: unknown;
}

/** The JSON types a schema accepts, or undefined when it does not constrain the type. */
function acceptedTypes(schema: JSONSchema4): Set<JsonType> | undefined {
  if (schema.enum) return new Set(schema.enum.map(jsonTypeOf));
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return new Set(types.includes('integer') ? [...types, 'number'] : types);
  }
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const all = new Set<JsonType>();
    for (const branch of branches) {
      const types = acceptedTypes(branch);
      if (!types) return undefined;
      for (const t of types) all.add(t);
    }
    return all;
  }
  return undefined;
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

const SAMPLES: Record<Exclude<JsonType, 'integer'>, unknown> = {
  string: 'not-a-valid-value',
  number: 42,
  boolean: true,
  array: ['not-a-valid-value'],
  object: { notAnOption: true },
  null: null,
};

interface WrongValue {
  /** Where the wrong value sits, e.g. `ignoreModels` or `ignoreModels[0]`. */
  readonly path: string;
  /** The option object holding it. */
  readonly options: Record<string, unknown>;
  readonly value: unknown;
}

/**
 * For each property of an object schema: a value of each JSON type it does not accept, a value
 * outside its `enum`, and (recursively) a wrong item for arrays and a wrong property for objects.
 */
function wrongValues(schema: JSONSchema4, pathPrefix = ''): WrongValue[] {
  const out: WrongValue[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const at = `${pathPrefix}${name}`;
    const types = acceptedTypes(property);
    if (!types) throw new Error(`option \`${at}\` has no type: its schema accepts anything (give it a \`type\` or \`enum\`)`);
    for (const [type, sample] of Object.entries(SAMPLES)) {
      if (!types.has(type as JsonType)) out.push({ path: at, options: { [name]: sample }, value: sample });
    }
    if (property.enum) out.push({ path: at, options: { [name]: 'not-one-of-the-allowed-values' }, value: 'not-one-of-the-allowed-values' });
    const items = property.items;
    if (items && !Array.isArray(items)) {
      const itemTypes = acceptedTypes(items);
      const wrongItem = Object.entries(SAMPLES).find(([type]) => itemTypes && !itemTypes.has(type as JsonType))?.[1];
      if (wrongItem !== undefined) out.push({ path: `${at}[0]`, options: { [name]: [wrongItem] }, value: wrongItem });
      if (items.type === 'object') {
        for (const nested of wrongValues(items, `${at}[0].`)) out.push({ ...nested, options: { [name]: [nested.options] } });
      }
    }
    if (property.type === 'object' && property.properties) {
      for (const nested of wrongValues(property, `${at}.`)) out.push({ ...nested, options: { [name]: nested.options } });
    }
  }
  return out;
}

/** A value the property's schema accepts: its default when there is one. */
function validValue(property: JSONSchema4, fallback: unknown): unknown {
  if (fallback !== undefined) return fallback;
  if (property.enum) return property.enum[0];
  const type = [...(acceptedTypes(property) ?? ['string'])][0];
  return type === 'integer' ? 1 : type === 'array' ? [] : type === 'object' ? {} : SAMPLES[type as Exclude<JsonType, 'integer'>];
}

describe.each(Object.entries(rules))('options of %s', (name, rule) => {
  const ruleId = `orm/${name}`;
  const schema = rule.meta.schema as unknown as JSONSchema4[] | JSONSchema4 | false;
  const objectSchema = Array.isArray(schema) && schema.length === 1 ? schema[0] : undefined;
  const defaults = (rule.meta.defaultOptions?.[0] ?? {}) as Record<string, unknown>;

  if (Array.isArray(schema) && schema.length === 0) {
    it('takes no options and rejects any', () => {
      expect(configure(name, [])).not.toThrow();
      expect(configure(name, [{}])).toThrow(ruleId);
    });
    return;
  }

  it('has one object option that forbids unknown keys', () => {
    expect(objectSchema?.type).toBe('object');
    expect(objectSchema?.additionalProperties).toBe(false);
  });
  if (objectSchema === undefined) return;

  it('accepts no options, an empty object and its defaults', () => {
    expect(configure(name, [])).not.toThrow();
    expect(configure(name, [{}])).not.toThrow();
    expect(configure(name, [defaults])).not.toThrow();
  });

  it('rejects an unknown key, naming it', () => {
    expect(configure(name, [{ notAnOption: true }])).toThrow(/Unexpected property "notAnOption"/);
    expect(configure(name, [{ notAnOption: true }])).toThrow(ruleId);
  });

  const properties = Object.entries(objectSchema.properties ?? {});
  it.each(properties)('accepts a valid `%s`', (option, property) => {
    expect(configure(name, [{ [option]: validValue(property, defaults[option]) }])).not.toThrow();
  });

  const cases = wrongValues(objectSchema).map((c) => [c.path, JSON.stringify(c.value), c] as const);
  it.each(cases)('rejects `%s`: %s', (_path, valueJson, c) => {
    const run = configure(name, [c.options]);
    expect(run).toThrow(ruleId);
    // The message shows the rejected value (objects as their unknown key).
    expect(run).toThrow(typeof c.value === 'object' && c.value !== null && !Array.isArray(c.value) ? 'notAnOption' : valueJson);
  });
});
