import type { ProcoreSandbox } from '../procore/index.js';
import { SAMPLE_CHANGE_ORDERS, SAMPLE_COMMITMENTS, SAMPLE_PAYMENT_APPLICATIONS, SAMPLE_REQUISITIONS } from '../sample/sample-project.js';

/** The bookkeeper at the desk of the books one connection posts to (story/bookkeepers.ts has one per system). */
export interface StoryBookkeeper {
  /** What the books are called in the story's log ("QuickBooks Online", "Xero"). */
  readonly books: string;
  /** What is still owed on the bill the hub posted for a supplier's invoice number, in cents; undefined until it is in the books. */
  balanceDue(invoiceNumber: string): number | undefined;
  /** Pays that much of the bill, as a bookkeeper records a payment in the books (their webhooks or polls tell the hub). */
  payBill(invoiceNumber: string, cents: number): void;
}

/** One connection's side of the story: its Procore company and the bookkeeper of its books. */
export interface StoryWorld {
  readonly procore: ProcoreSandbox;
  readonly bookkeeper: StoryBookkeeper;
}

/** One beat of the sample project's story: what a person does, in Procore or in the books. */
export interface StoryStep {
  /** Seconds after the story starts. */
  readonly at: number;
  readonly who: 'project manager' | 'bookkeeper';
  readonly says: string;
  act(world: StoryWorld): void;
}

const [wo1, wo2] = SAMPLE_COMMITMENTS;
const [req1, req2, req3, credit] = SAMPLE_REQUISITIONS;
const [cco1, cco2, pco1] = SAMPLE_CHANGE_ORDERS;
const [pa1, pa2] = SAMPLE_PAYMENT_APPLICATIONS;

const payPart = (fraction: 'half' | 'rest') => ({ bookkeeper }: StoryWorld): void => {
  const balance = bookkeeper.balanceDue(req1.invoiceNumber);
  if (balance === undefined) throw new Error(`bill ${req1.invoiceNumber} is not in the books yet (${bookkeeper.books})`);
  // Whole dollars keep every sandbox's wire amount exact; the rest pays whatever is left.
  bookkeeper.payBill(req1.invoiceNumber, fraction === 'half' ? Math.floor(balance / 200) * 100 : balance);
};

/**
 * About two minutes of a mechanical subcontractor's month, played through the sandboxes'
 * admin APIs so their webhooks reach the hub exactly as the real services' would.
 */
export const SAMPLE_STORY: readonly StoryStep[] = [
  { at: 2, who: 'project manager', says: `approves commitment ${wo1.number} with ${wo1.title}`, act: (w) => w.procore.state.approveCommitment(Number(wo1.id)) },
  { at: 6, who: 'project manager', says: `approves commitment ${wo2.number} with ${wo2.title}`, act: (w) => w.procore.state.approveCommitment(Number(wo2.id)) },
  { at: 10, who: 'project manager', says: `receives subcontractor invoice ${req1.invoiceNumber}`, act: (w) => w.procore.state.submitRequisition(Number(req1.id)) },
  { at: 14, who: 'project manager', says: `approves subcontractor invoice ${req1.invoiceNumber}`, act: (w) => w.procore.state.approveRequisition(Number(req1.id)) },
  { at: 18, who: 'project manager', says: `receives and approves ${req2.invoiceNumber}`, act: (w) => { w.procore.state.submitRequisition(Number(req2.id)); w.procore.state.approveRequisition(Number(req2.id)); } },
  { at: 24, who: 'project manager', says: `approves change order ${cco1.number}: ${cco1.title}`, act: (w) => w.procore.state.approveChangeOrder(Number(cco1.id)) },
  { at: 30, who: 'project manager', says: `approves ${req3.invoiceNumber}: 4 lines across 3 cost codes`, act: (w) => { w.procore.state.submitRequisition(Number(req3.id)); w.procore.state.approveRequisition(Number(req3.id)); } },
  { at: 36, who: 'project manager', says: `approves prime change order ${pco1.number}: ${pco1.title}`, act: (w) => w.procore.state.approveChangeOrder(Number(pco1.id)) },
  { at: 42, who: 'project manager', says: `approves owner invoice ${pa1.invoiceNumber}`, act: (w) => { w.procore.state.submitPaymentApplication(Number(pa1.id)); w.procore.state.approvePaymentApplication(Number(pa1.id)); } },
  { at: 48, who: 'project manager', says: `approves credit ${credit.invoiceNumber} (a back-charge)`, act: (w) => { w.procore.state.submitRequisition(Number(credit.id)); w.procore.state.approveRequisition(Number(credit.id)); } },
  { at: 54, who: 'project manager', says: 'approves the week\'s timecards', act: (w) => void w.procore.state.approveTimecards() },
  { at: 60, who: 'project manager', says: `approves change order ${cco2.number}: ${cco2.title}`, act: (w) => w.procore.state.approveChangeOrder(Number(cco2.id)) },
  { at: 70, who: 'bookkeeper', says: `pays half of ${req1.invoiceNumber} in the books`, act: payPart('half') },
  { at: 80, who: 'project manager', says: `approves owner invoice ${pa2.invoiceNumber}`, act: (w) => { w.procore.state.submitPaymentApplication(Number(pa2.id)); w.procore.state.approvePaymentApplication(Number(pa2.id)); } },
  { at: 90, who: 'bookkeeper', says: `pays the rest of ${req1.invoiceNumber}`, act: payPart('rest') },
];
