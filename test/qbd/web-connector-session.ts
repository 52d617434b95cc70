import type { WebConnectorService } from '../../src/adapters/qbd/web-connector/web-connector.service.js';

/** One Web Connector session against the service, answering each hand-out with `answer(request)`; the requests handed out. */
export const runSession = async (qbwc: WebConnectorService, answer: (request: string) => string): Promise<string[]> => {
  const [ticket, status] = await qbwc.authenticate('u', 'p');
  const requests: string[] = [];
  if (status === 'none') return requests;
  for (let percent = 0; percent < 100 && percent >= 0;) {
    const request = await qbwc.sendRequestXML(ticket, '', '', 'US', '13', '0');
    requests.push(request);
    percent = await qbwc.receiveResponseXML(ticket, answer(request), '', '');
  }
  await qbwc.closeConnection(ticket);
  return requests;
};
