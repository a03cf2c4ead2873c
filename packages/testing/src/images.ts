/** Container images for runs with a Docker engine, pinned here and only here. cp-kafka 7.9 ships Apache Kafka 3.9. */
export const images = {
  postgres: 'postgres:17.6-alpine',
  kafka: 'confluentinc/cp-kafka:7.9.2',
} as const
