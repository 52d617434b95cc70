import { describe, expect, it } from 'vitest';
import { BooksLookupUnavailableError, type BooksLookups } from '../../src/domain/books/index.js';
import type { EmployeeLink } from '../../src/domain/timecards/index.js';
import { EmployeeLinks } from '../../src/sagas/context/employee-links.js';
import { EstimateLinks } from '../../src/sagas/context/estimate-links.js';
import type { LookupClients, PrimeContractReader } from '../../src/sagas/ports/books-lookups.js';

/** The books as the sagas see them through the port: what was asked, and what is there. */
const booksWith = (employees: Record<string, EmployeeLink>, estimates: Record<string, string>) => {
  const asked: unknown[][] = [];
  const books: BooksLookups = {
    findEmployee: async (connection, name) => {
      asked.push(['employee', connection, name]);
      return employees[name] ?? null;
    },
    findEstimate: async (connection, numbers) => {
      asked.push(['estimate', connection, numbers]);
      const number = numbers.find((n) => estimates[n] !== undefined);
      return number === undefined ? null : { estimateId: estimates[number]! };
    },
  };
  return { books, asked };
};

const procoreAnswering = (answer: Awaited<ReturnType<PrimeContractReader['getPrimeContract']>>): PrimeContractReader => ({ getPrimeContract: async () => answer });

const clients = (books: BooksLookups | undefined, procore = procoreAnswering({ ok: true, body: { number: ' PC-001 ' } })): LookupClients => ({
  books: (connection) => (connection === 'acme' ? books : undefined),
  procore: () => procore,
});

const DANA: EmployeeLink = { employeeRef: { value: '81', name: 'Dana Ortiz' }, billRate: '95.00' };

describe('the sagas\' lookups through the books port', () => {
  it('finds an employee by trimmed name, keeps the find, and asks again after a miss', async () => {
    const { books, asked } = booksWith({ 'Dana Ortiz': DANA }, {});
    const links = new EmployeeLinks(clients(books));
    expect(await links.lookup('acme', '7788', ' Dana Ortiz ')).toEqual(DANA);
    expect(await links.lookup('acme', '7788', 'Dana Ortiz')).toEqual(DANA);
    expect(await links.lookup('acme', '7790', 'Lee Park')).toBeNull();
    expect(await links.lookup('acme', '7790', 'Lee Park')).toBeNull();
    expect(asked).toEqual([['employee', 'acme', 'Dana Ortiz'], ['employee', 'acme', 'Lee Park'], ['employee', 'acme', 'Lee Park']]);
  });

  it('looks nothing up for a blank name or a connection whose books have no port', async () => {
    const { books, asked } = booksWith({ 'Dana Ortiz': DANA }, {});
    const links = new EmployeeLinks({ ...clients(books), books: (c) => { if (c === 'gone') throw new Error('unknown connection'); return c === 'acme' ? books : undefined; } });
    expect([await links.lookup('acme', '1', '  '), await links.lookup('beta', '1', 'Dana Ortiz'), await links.lookup('gone', '1', 'Dana Ortiz')]).toEqual([null, null, null]);
    expect(asked).toEqual([]);
  });

  it('finds the prime contract\'s estimate by its Procore number, then by its id', async () => {
    const byNumber = booksWith({}, { 'PC-001': '1001' });
    expect(await new EstimateLinks(clients(byNumber.books)).lookup('acme', '2468013', '5501')).toEqual({ estimateId: '1001' });
    expect(byNumber.asked).toEqual([['estimate', 'acme', ['PC-001', '5501']]]);
    const byId = booksWith({}, { '5501': '1002' });
    const unnumbered = clients(byId.books, procoreAnswering({ ok: true, body: { number: '' } }));
    expect(await new EstimateLinks(unnumbered).lookup('acme', '2468013', '5501')).toEqual({ estimateId: '1002' });
    expect(byId.asked).toEqual([['estimate', 'acme', ['5501']]]);
  });

  it('throws a lookup worth repeating when Procore is down, and gives up quietly when it refuses', async () => {
    const { books } = booksWith({}, { '5501': '1002' });
    const down = new EstimateLinks(clients(books, procoreAnswering({ ok: false, error: { retryable: true, message: '503' } })));
    await expect(down.lookup('acme', '2468013', '5501')).rejects.toBeInstanceOf(BooksLookupUnavailableError);
    const refused = new EstimateLinks(clients(books, procoreAnswering({ ok: false, error: { retryable: false, message: '404' } })));
    expect(await refused.lookup('acme', '2468013', '5501')).toEqual({ estimateId: '1002' });
  });
});
