import type { SchemaObject } from '@nestjs/swagger';

/** OpenAPI shapes of the mapping routes; the format itself is documented in docs/mapping.md. */
const ref: SchemaObject = {
  oneOf: [{ type: 'string', example: '61' }, { type: 'object', properties: { value: { type: 'string' }, name: { type: 'string' } }, required: ['value'] }],
  description: 'A books reference: its id, or { value, name } (the name must match the books when checked)',
};

export const RULE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['costCode'],
  description: 'One rule: an account or an item to post to. The most specific rule for a line wins (project, then code, then cost type).',
  properties: {
    costCode: { type: 'string', example: '23-31-00', description: 'A whole code, or a prefix: section "23-31" or division "23"' },
    costType: { type: 'string', example: 'S', description: 'Procore cost type code; leave out for any cost type' },
    projectId: { type: 'string', description: 'Only this project; leave out for every project of the connection' },
    account: ref, item: ref, class: ref,
    billable: { type: 'boolean' },
  },
};

export const MAPPING_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['rules'],
  properties: {
    settings: {
      type: 'object',
      properties: {
        retainage: { type: 'object', properties: { mode: { type: 'string', enum: ['negative-line', 'gross-open', 'net-only'] }, account: ref } },
        vendorMatch: { type: 'string', enum: ['lookup-or-create', 'lookup-only'] },
        billableByDefault: { type: 'boolean' },
      },
    },
    rules: { type: 'array', items: RULE_SCHEMA },
    jobs: {
      type: 'object',
      description: 'Procore project id -> { customer } or { parentCustomer, jobName }',
      additionalProperties: { type: 'object', properties: { customer: ref, parentCustomer: ref, jobName: { type: 'string' } } },
    },
  },
};

export const MAPPING_VIEW_SCHEMA: SchemaObject = {
  allOf: [
    { type: 'object', properties: { connection: { type: 'string' }, version: { type: 'integer' }, changedAt: { type: 'string', nullable: true } } },
    MAPPING_DOCUMENT_SCHEMA,
  ],
};

export const MAPPING_CHANGE_SCHEMA: SchemaObject = {
  allOf: [MAPPING_VIEW_SCHEMA, { type: 'object', properties: { changed: { type: 'boolean', description: 'false: nothing changed, no new version' } } }],
};

const PROBLEM_ITEM: SchemaObject = {
  type: 'object', properties: { path: { type: 'string', example: 'rules[2].account' }, message: { type: 'string' } },
};

export const INVALID_MAPPING_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Problem details (application/problem+json) listing every problem with its path',
  properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, problems: { type: 'array', items: PROBLEM_ITEM } },
};

export const CHECK_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    connection: { type: 'string' }, ok: { type: 'boolean' }, problems: { type: 'array', items: PROBLEM_ITEM },
    warnings: { type: 'array', items: PROBLEM_ITEM, description: 'worth knowing, not failing the check (classes in books that track none)' },
    checkedAgainstChart: { type: 'boolean' }, costCodesInUse: { type: 'integer' },
  },
};

export const HISTORY_SCHEMA: SchemaObject = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      version: { type: 'integer' }, type: { type: 'string', example: 'MappingRuleUpserted.v1' }, changedBy: { type: 'string' },
      changedAt: { type: 'string' }, origin: { type: 'string', enum: ['file', 'api'] }, summary: { type: 'string' }, data: { type: 'object' },
    },
  },
};

const MONEY: SchemaObject = { type: 'string', example: '52500.00', description: 'Decimal string with two places' };
const TARGET: SchemaObject = {
  type: 'object', properties: { kind: { type: 'string', enum: ['account', 'item', 'unmapped'] }, value: { type: 'string' }, name: { type: 'string' } },
};
const HOME: SchemaObject = {
  type: 'object', nullable: true, description: 'Where the line posts; null when the line is not there on this side',
  properties: { target: TARGET, class: { type: 'object', nullable: true }, billable: { type: 'boolean', nullable: true }, amount: MONEY },
};

export const REMAP_CHANGES_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['changes'],
  description: 'Each change is a rule ("cost code X, cost type Y, to account or item Z, class C"), added or replacing the rule with the same key',
  properties: { changes: { type: 'array', minItems: 1, maxItems: 200, items: RULE_SCHEMA } },
  example: { changes: [{ costCode: '23-31-00', costType: 'S', account: { value: '63' }, class: { value: '200000000000000122' } }] },
};

export const REMAP_APPLY_SCHEMA: SchemaObject = {
  allOf: [REMAP_CHANGES_SCHEMA, {
    type: 'object', required: ['posted'],
    properties: {
      posted: {
        type: 'string', enum: ['update', 'leave'],
        description: 'Documents already posted: update (rewritten through the sagas with the new mapping) or leave (as posted; recorded, never reposted by the remap)',
      },
    },
  }],
};

export const REMAP_PREVIEW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    connection: { type: 'string' }, fromVersion: { type: 'integer' }, documents: { type: 'integer' }, posted: { type: 'integer' },
    changedDocuments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['subcontractor-invoice', 'purchase-order', 'owner-invoice', 'timecard'] },
          document: { type: 'object' }, version: { type: 'string' }, label: { type: 'string' }, entity: { type: 'string' },
          posted: { type: 'boolean' }, wouldPark: { type: 'boolean' }, linesChanged: { type: 'integer' },
          rewrittenOnUpdate: { type: 'boolean', description: 'Applied with "update", its saga rewrites it in the books (bills, vendor credits, purchase orders, owner invoices, time activities)' },
          requestOut: { type: 'boolean', description: 'A request of its saga is out: applied with "update", it is rewritten once that lands, posted or not' },
        },
      },
    },
    changes: {
      type: 'array', description: 'Line by line',
      items: {
        type: 'object',
        properties: {
          document: { type: 'object' }, label: { type: 'string' }, posted: { type: 'boolean' }, lineId: { type: 'string' },
          costCode: { type: 'string', nullable: true }, costType: { type: 'string', nullable: true }, description: { type: 'string' }, before: HOME, after: HOME,
        },
      },
    },
    byAccount: { type: 'array', items: { type: 'object', properties: { target: TARGET, before: MONEY, after: MONEY, difference: MONEY } } },
    byCostCode: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          costCode: { type: 'string' }, costType: { type: 'string', nullable: true },
          before: { type: 'array', items: { type: 'object', properties: { target: { type: 'string' }, amount: MONEY } } },
          after: { type: 'array', items: { type: 'object', properties: { target: { type: 'string' }, amount: MONEY } } },
        },
      },
    },
    tables: { type: 'array', description: 'The same preview as text tables (what the CLI prints)', items: { type: 'object' } },
  },
};

export const REMAP_APPLIED_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    connection: { type: 'string' }, version: { type: 'integer' }, changed: { type: 'boolean' }, posted: { type: 'string', enum: ['update', 'leave'] },
    documents: { type: 'array', items: { type: 'object', properties: { document: { type: 'object' }, version: { type: 'string' }, label: { type: 'string' } } } },
    preview: REMAP_PREVIEW_SCHEMA,
  },
};
