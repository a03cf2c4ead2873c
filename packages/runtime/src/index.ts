export {
  startEventService,
  type EventService,
  type EventServiceConfig,
  type EventServiceOptions,
} from './event-service.ts'
