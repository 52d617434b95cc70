import type { ConsoleView } from '../console-view.js';
import { approvalsView } from './approvals.view.js';
import { auditView } from './audit.view.js';
import { financeCsvView } from './finance-csv.view.js';
import { financeDocumentsView } from './finance-documents.view.js';
import { financeView } from './finance.view.js';
import { mappingView } from './mapping.view.js';
import { operatorView } from './operator.view.js';

/** Every console view, in navigation order. A new view is one file and one line here. */
export const CONSOLE_VIEWS: readonly ConsoleView[] = [financeView, financeDocumentsView, financeCsvView, auditView, operatorView, approvalsView, mappingView];
