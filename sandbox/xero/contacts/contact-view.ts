import { legacyDate } from '../support/dates.js';
import type { ContactRec } from '../org/model.js';

export const contactView = (contact: ContactRec): Record<string, unknown> => ({
  ContactID: contact.ContactID,
  ...(contact.ContactNumber !== undefined ? { ContactNumber: contact.ContactNumber } : {}),
  ContactStatus: contact.ContactStatus,
  Name: contact.Name,
  ...contact.fields,
  IsSupplier: contact.IsSupplier,
  IsCustomer: contact.IsCustomer,
  UpdatedDateUTC: legacyDate(contact.updatedMs),
  HasAttachments: false,
});
