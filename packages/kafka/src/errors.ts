import { defineError } from '@varco/errors'

/** The message is not JSON, or not an object: nothing to retry, it goes to the dead-letter topic. */
export const MalformedEvent = defineError<[string]>('EVT_ERR_MALFORMED', 'Malformed event: %s')

/** The message is JSON but does not match its event type's schema. */
export const InvalidEvent = defineError<[string, string]>('EVT_ERR_INVALID', 'Invalid %s event: %s')
