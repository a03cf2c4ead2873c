export { brokerList, commonConfigProperties } from './common.ts'
export { isConfigError, loadConfig, type ConfigError, type ConfigIssue } from './load-config.ts'
export { EXIT_CONFIG, loadConfigOrExit } from './load-config-or-exit.ts'
