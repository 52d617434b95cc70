import { BooksLookupUnavailableError, type JobQuery, type PartyResolved } from '../../../domain/books/index.js';
import type { EmployeeLink } from '../../../domain/timecards/timecard.inputs.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import { ensureProject, findProjectNamed, findProjectUser } from './project-time.js';
import { refused } from './projects-refusal.js';
import type { XeroProjectsClient } from './xero-projects-client.js';

/**
 * The books port's resolveJob where a connection keeps jobs as Xero projects: the project
 * named `jobName`, for the owner contact `parentRef` (a ContactID), found or created. Its
 * ref is what a TimeEntryPosting's `jobRef` then carries.
 */
export const resolveXeroProjectJob = async (
  client: XeroProjectsClient, query: JobQuery, callKey: string,
): Promise<ApiResult<PartyResolved>> => {
  const project = await ensureProject(client, { name: query.jobName, contactId: query.parentRef.value }, callKey);
  return project.ok
    ? { ...project, body: { ref: { value: project.body.value.projectId, name: project.body.value.name }, created: project.body.created } }
    : refused(project);
};

/** resolveXeroProjectJob's find: the project by name, never created. */
export const findXeroProjectJob = async (client: XeroProjectsClient, query: JobQuery): Promise<ApiResult<PartyResolved | null>> => {
  const listed = await findProjectNamed(client, query.jobName);
  if (!listed.ok) return refused(listed);
  const project = listed.body;
  return { ...listed, body: project ? { ref: { value: project.projectId, name: project.name }, created: false } : null };
};

/**
 * The books port's findEmployee for Xero: the worker as a Projects user, by full name (Xero
 * keeps no rates on them: labour is costed by the mapping's labourRates). A passing outage
 * throws for the saga runner to retry; a refusal (no Projects) finds no one.
 */
export const findXeroEmployee = async (client: XeroProjectsClient, name: string): Promise<EmployeeLink | null> => {
  const user = await findProjectUser(client, { name });
  if (!user.ok) {
    if (user.error.retryable) throw new BooksLookupUnavailableError(`Xero project user "${name}"`, user.error.message);
    return null;
  }
  return user.body ? { employeeRef: { value: user.body.userId, name: user.body.name }, billRate: null, costRate: null } : null;
};
