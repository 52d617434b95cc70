export { MappingModule, type MappingModuleOptions, type ChartSourceFactory } from './mapping.module.js';
export { MappingService, type MappingListener, type MappingOutcome } from './mapping.service.js';
export { BooksPortChartSource, chartFromBooksPorts } from './books-port-chart.js';
export { CHART_OF_ACCOUNTS, ChartUnavailableError, noChartSource, type ChartOfAccountsSource } from './chart-of-accounts.js';
export { MAPPING_CHANGED, mappingStream, type ChangeOrigin } from './mapping-stream.js';
export { readMappingFile, type MappingFile } from './mapping-file.js';
export { readMappingYaml } from './mapping-yaml.js';
export { COST_CODE_EVENT_TYPES, CostCodeTally, readCostCodesInUse } from './cost-codes-in-use.js';
export type { MappingConnection } from './mapping.tokens.js';
