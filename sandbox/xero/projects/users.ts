import type { XeroUser } from '../auth/claims.js';
import type { Organisation } from '../org/organisation.js';

export interface ProjectUserView {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
}

/**
 * `/ProjectsUsers`: the organisation's users (several, as in the spec's example), and the one
 * who gave the connection's consent (a user of the organisation too). Time is logged as one of them.
 */
export const projectUsers = (org: Organisation, consenting: XeroUser): ProjectUserView[] => {
  const users = [...org.data.users.values()].map((u) => ({ userId: u.UserID, name: `${u.FirstName} ${u.LastName}`.trim(), email: u.EmailAddress }));
  const self = { userId: consenting.xeroUserId, name: `${consenting.givenName} ${consenting.familyName}`, email: consenting.email };
  return users.some((u) => u.userId === self.userId) ? users : [...users, self];
};

/** The ids time may be logged as (lowercase, as the routes compare them). */
export const projectUserIds = (org: Organisation, consenting: XeroUser): Set<string> =>
  new Set(projectUsers(org, consenting).map((u) => u.userId.toLowerCase()));
