export { brokerList, commonConfigProperties } from './common.ts'
export { isConfigError, loadConfig, type ConfigError, type ConfigIssue } from './load-config.ts'
