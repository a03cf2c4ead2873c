export { assertNever } from './assert-never.ts'
export { classifyError, errorCode, errorMessage, type ErrorClass } from './classify.ts'
export {
  defineError,
  type CodedError,
  type CodedErrorConstructor,
  type CodedErrorOptions,
  type ErrorCause,
} from './coded-error.ts'
export { createProblemCatalog, type ProblemCatalog } from './problem-catalog.ts'
