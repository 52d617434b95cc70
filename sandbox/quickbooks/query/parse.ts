import { entityByName, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';

export type Literal = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface Condition {
  readonly prop: string;
  readonly op: Operator;
  readonly values: readonly Literal[];
}

export interface ParsedQuery {
  readonly count: boolean;
  readonly entity: EntityName;
  readonly where: readonly Condition[];
  readonly orderBy: ReadonlyArray<{ readonly prop: string; readonly desc: boolean }>;
  /** 1-based. */
  readonly start: number;
  readonly max: number;
}

interface Token {
  readonly kind: 'string' | 'number' | 'word' | 'symbol';
  readonly text: string;
  readonly column: number;
}

const TOKEN = /\s*(?:'((?:\\.|[^'\\])*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(<=|>=|!=|<>|=|<|>|[(),*]))/y;

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(at).trim() === '') break;
      throw errors.queryParse(`Encountered "${text.slice(at).trim()[0] ?? ''}" at line 1, column ${at + 1}.`);
    }
    const column = at + 1 + (match[0].length - match[0].trimStart().length);
    if (match[1] !== undefined) tokens.push({ kind: 'string', text: match[1].replace(/\\(.)/g, '$1'), column });
    else if (match[2] !== undefined) tokens.push({ kind: 'number', text: match[2], column });
    else if (match[3] !== undefined) tokens.push({ kind: 'word', text: match[3], column });
    else tokens.push({ kind: 'symbol', text: match[4] ?? '', column });
  }
  return tokens;
};

/** A recursive-descent reader over the tokens; every error is a 4000 with the column. */
class Reader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peekWord(...words: string[]): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'word' && words.includes(token.text.toUpperCase());
  }

  peekSymbol(symbol: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'symbol' && token.text === symbol;
  }

  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw errors.queryParse('Encountered "<EOF>" where more input was expected.');
    return token;
  }

  word(...expected: string[]): string {
    const token = this.next();
    if (token.kind !== 'word' || (expected.length > 0 && !expected.includes(token.text.toUpperCase()))) this.fail(token);
    return token.text;
  }

  symbol(expected: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.text !== expected) this.fail(token);
  }

  integer(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) this.fail(token);
    return Number(token.text);
  }

  literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    if (token.kind === 'word' && ['TRUE', 'FALSE'].includes(token.text.toUpperCase())) return token.text.toUpperCase() === 'TRUE';
    return this.fail(token);
  }

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  fail(token: Token | undefined = this.tokens[this.index]): never {
    if (!token) throw errors.queryParse('Encountered "<EOF>" where more input was expected.');
    throw errors.queryParse(`Encountered "${token.text}" at line 1, column ${token.column}.`);
  }
}

const OPERATORS: readonly string[] = ['=', '<', '>', '<=', '>='];

const condition = (reader: Reader): Condition => {
  const prop = reader.word();
  if (reader.peekWord('IN')) {
    reader.word('IN');
    reader.symbol('(');
    const values = [reader.literal()];
    while (reader.peekSymbol(',')) {
      reader.symbol(',');
      values.push(reader.literal());
    }
    reader.symbol(')');
    return { prop, op: 'IN', values };
  }
  if (reader.peekWord('LIKE')) {
    reader.word('LIKE');
    return { prop, op: 'LIKE', values: [reader.literal()] };
  }
  const op = reader.next();
  if (op.kind !== 'symbol' || !OPERATORS.includes(op.text)) reader.fail(op);
  return { prop, op: op.text as Operator, values: [reader.literal()] };
};

const selectList = (reader: Reader): boolean => {
  if (reader.peekSymbol('*')) {
    reader.symbol('*');
    return false;
  }
  reader.word('COUNT');
  reader.symbol('(');
  reader.symbol('*');
  reader.symbol(')');
  return true;
};

const orderBy = (reader: Reader): Array<{ prop: string; desc: boolean }> => {
  if (reader.peekWord('ORDER')) {
    reader.word('ORDER');
    reader.word('BY');
  } else reader.word('ORDERBY');
  const keys = [];
  do {
    if (keys.length > 0) reader.symbol(',');
    const prop = reader.word();
    const desc = reader.peekWord('ASC', 'DESC') ? reader.word().toUpperCase() === 'DESC' : false;
    keys.push({ prop, desc });
  } while (reader.peekSymbol(','));
  return keys;
};

/** Parses the QuickBooks query language (facts §3) without judging property names (see validate.ts). */
export const parseQuery = (text: string): ParsedQuery => {
  const reader = new Reader(tokenize(text));
  reader.word('SELECT');
  const count = selectList(reader);
  reader.word('FROM');
  const entityName = reader.word();
  const entity = entityByName(entityName);
  if (!entity) throw errors.queryInvalid(`Entity '${entityName}' is not supported for query`);
  const where: Condition[] = [];
  if (reader.peekWord('WHERE')) {
    reader.word('WHERE');
    where.push(condition(reader));
    while (reader.peekWord('AND')) {
      reader.word('AND');
      where.push(condition(reader));
    }
  }
  const order = reader.peekWord('ORDER', 'ORDERBY') ? orderBy(reader) : [];
  let start = 1;
  let max = 100;
  while (reader.peekWord('STARTPOSITION', 'MAXRESULTS')) {
    if (reader.word().toUpperCase() === 'STARTPOSITION') start = reader.integer();
    else max = reader.integer();
  }
  if (!reader.done()) reader.fail();
  return { count, entity, where, orderBy: order, start, max };
};
