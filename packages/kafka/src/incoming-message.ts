/** A consumed message, decoupled from kafkajs types so handlers and decoders never see them. */
export interface IncomingMessage {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  readonly key: string | null
  readonly value: Buffer | null
  readonly headers: Readonly<Record<string, string>>
}
