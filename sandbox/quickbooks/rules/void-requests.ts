import type { EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import type { WriteOperation } from './operations.js';

type VoidForm = 'operation=void' | 'include=void';

/**
 * How each voidable entity is voided over REST (facts §1). Invoice: `?operation=void`.
 * BillPayment: only the sparse update with `include=void` (CONFIRMED); `operation=void` on it
 * was reported refused, and the stricter reading is kept. Payment: UNCONFIRMED per entity, so
 * both forms are accepted (node-quickbooks' `voidPayment` sends include=void).
 * In a batch, `"operation":"update","optionsData":"void"` voids any of them.
 */
const VOID_FORMS: Partial<Record<EntityName, readonly VoidForm[]>> = {
  Invoice: ['operation=void'],
  BillPayment: ['include=void'],
  Payment: ['operation=void', 'include=void'],
};

const includes = (include: string | undefined): string[] => (include ?? '').split(',').map((part) => part.trim().toLowerCase());

/** The write a `POST /{entity}?operation=…&include=…` asks for; a form the entity does not take is a 400. */
export const restWriteOperation = (entity: EntityName, operation: string | undefined, include: string | undefined): WriteOperation | undefined => {
  const forms = VOID_FORMS[entity] ?? [];
  const voidInclude = includes(include).includes('void');
  if (voidInclude) {
    if (operation !== 'update' || !forms.includes('include=void')) {
      throw errors.unsupported(`Unknown Operation: include=void is a sparse update (operation=update) of ${forms.includes('include=void') ? entity : 'BillPayment or Payment'}`);
    }
    return 'void';
  }
  if (operation === undefined || operation === 'update' || operation === 'create') return undefined;
  if (operation === 'delete') return 'delete';
  if (operation === 'void') {
    if (!forms.includes('operation=void')) {
      throw errors.unsupported(forms.length > 0
        ? `Unknown Operation: ${entity} is voided by a sparse update with include=void, not operation=void`
        : `Operation Void is not supported for ${entity}`);
    }
    return 'void';
  }
  throw errors.unsupported(`operation=${operation} is not supported`);
};
