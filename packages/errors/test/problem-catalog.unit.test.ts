import { describe, expect, it } from 'vitest'
import { createProblemCatalog, errorCode } from '../src/index.ts'

describe('createProblemCatalog', () => {
  it('keeps each code’s title, its own codes only, in definition order', () => {
    const catalog = createProblemCatalog()
    const NotFound = catalog.define<[string]>('X_ERR_NOT_FOUND', 'Not found', 'No %s here', { statusCode: 404 })
    catalog.define<[]>('X_ERR_GONE', 'Gone', 'It went', { statusCode: 410 })
    expect(catalog.title('X_ERR_NOT_FOUND')).toBe('Not found')
    expect(catalog.title('Y_ERR_OTHER')).toBeUndefined()
    expect(catalog.codes()).toEqual(['X_ERR_NOT_FOUND', 'X_ERR_GONE'])
    const error = new NotFound('invoice')
    expect(errorCode(error)).toBe('X_ERR_NOT_FOUND')
    expect(error.message).toBe('No invoice here')
    expect(createProblemCatalog().codes()).toEqual([])
  })
})
