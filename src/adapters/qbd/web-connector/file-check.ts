import { parseResponseDocument, QbxmlParseError, retText } from '../qbxml/qbxml-document.js';
import { qwcIds } from '../qwc/qwc-file.js';

type Ret = Readonly<Record<string, unknown>>;

/**
 * Whether the company file QuickBooks has open is this connection's (qbd §3): on a session's
 * first sendRequestXML the HostQuery/CompanyQuery answer carries, under the connection's
 * OwnerID, the FileID the Web Connector stamped from its .qwc. Another FileID there is another
 * company's file: nothing is handed out. No FileID (a Web Connector that did not stamp one, or
 * an answer without the company) is accepted: the check can only refuse what it can see.
 */
export const wrongCompanyFile = (connection: string, hcpResponse: string): string | null => {
  if (!hcpResponse.trim()) return null;
  let responses;
  try {
    responses = parseResponseDocument(hcpResponse);
  } catch (error) {
    if (error instanceof QbxmlParseError) return null;
    throw error;
  }
  const company = responses.find((r) => r.name === 'CompanyQueryRs')?.rets[0];
  const { ownerId, fileId } = qwcIds(connection);
  const exts = Array.isArray(company?.DataExtRet) ? (company.DataExtRet as Ret[]) : [];
  const stamped = exts.find((d) => retText(d, 'OwnerID').toUpperCase() === ownerId.toUpperCase() && retText(d, 'DataExtName') === 'FileID');
  const found = stamped ? retText(stamped, 'DataExtValue') : '';
  if (!found || found.toUpperCase() === fileId.toUpperCase()) return null;
  const name = company ? retText(company, 'CompanyName') : '';
  return `The open company file${name ? ` "${name}"` : ''} carries FileID ${found}, not connection ${connection}'s ${fileId}: `
    + 'open this connection\'s company file (or add its own .qwc to the Web Connector), then update again.';
};
