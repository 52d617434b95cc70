/**
 * The Web Connector's service contract (qbd §1-2): SOAP 1.1, document/literal, namespace
 * http://developer.intuit.com/, the eight callbacks with their parameters in order (as in
 * Intuit's QBWebConnectorSvc.wsdl; the version arguments are ints there).
 */
const NS = 'http://developer.intuit.com/';

type Field = readonly [name: string, type: 'string' | 'int' | 'ArrayOfString'];
const METHODS: ReadonlyArray<readonly [name: string, params: readonly Field[], result: Field[1]]> = [
  ['serverVersion', [], 'string'],
  ['clientVersion', [['strVersion', 'string']], 'string'],
  ['authenticate', [['strUserName', 'string'], ['strPassword', 'string']], 'ArrayOfString'],
  ['sendRequestXML', [['ticket', 'string'], ['strHCPResponse', 'string'], ['strCompanyFileName', 'string'], ['qbXMLCountry', 'string'], ['qbXMLMajorVers', 'int'], ['qbXMLMinorVers', 'int']], 'string'],
  ['receiveResponseXML', [['ticket', 'string'], ['response', 'string'], ['hresult', 'string'], ['message', 'string']], 'int'],
  ['connectionError', [['ticket', 'string'], ['hresult', 'string'], ['message', 'string']], 'string'],
  ['getLastError', [['ticket', 'string']], 'string'],
  ['closeConnection', [['ticket', 'string']], 'string'],
];

/** The operations' names, for refusing any other before node-soap sees it. */
export const QBWC_METHODS: readonly string[] = METHODS.map(([name]) => name);

const xsdType = (type: Field[1]): string => (type === 'ArrayOfString' ? 'tns:ArrayOfString' : `s:${type}`);
const element = ([name, type]: Field): string =>
  `<s:element minOccurs="${type === 'int' ? 1 : 0}" maxOccurs="1" name="${name}" type="${xsdType(type)}"/>`;

const types = METHODS.map(([name, params, result]) => `
  <s:element name="${name}"><s:complexType><s:sequence>${params.map(element).join('')}</s:sequence></s:complexType></s:element>
  <s:element name="${name}Response"><s:complexType><s:sequence>${element([`${name}Result`, result])}</s:sequence></s:complexType></s:element>`).join('');

const messages = METHODS.map(([name]) => `
  <wsdl:message name="${name}SoapIn"><wsdl:part name="parameters" element="tns:${name}"/></wsdl:message>
  <wsdl:message name="${name}SoapOut"><wsdl:part name="parameters" element="tns:${name}Response"/></wsdl:message>`).join('');

const portOps = METHODS.map(([name]) => `
  <wsdl:operation name="${name}"><wsdl:input message="tns:${name}SoapIn"/><wsdl:output message="tns:${name}SoapOut"/></wsdl:operation>`).join('');

const bindingOps = METHODS.map(([name]) => `
  <wsdl:operation name="${name}"><soap:operation soapAction="${NS}${name}" style="document"/>
    <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join('');

/** The WSDL served at `{path}?wsdl`, with the endpoint's own address. */
export const qbwcWsdl = (location: string): string => `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:tns="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${NS}">
 <wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${NS}">
  <s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType>${types}
 </s:schema></wsdl:types>${messages}
 <wsdl:portType name="QBWebConnectorSvcSoap">${portOps}
 </wsdl:portType>
 <wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${bindingOps}
 </wsdl:binding>
 <wsdl:service name="QBWebConnectorSvc"><wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="${location}"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
