import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { invoiceEvents, invoiceTransmitted } from '@varco/contracts'
import {
  deliveredEvents,
  subscribesTo,
  unknownEventType,
  WEBHOOK_DISABLED,
  webhookEventTypes,
} from '../../src/webhooks/domain/event-types.ts'
import { messageOfDisabling, messageOfEvent, webhookIdOf } from '../../src/webhooks/domain/payload.ts'

const transmitted = invoiceTransmitted.create({
  source: 'transmission',
  tenantId: 'acme',
  invoiceId: 'inv-42',
  correlationId: 'corr-1',
  occurredAt: '2026-12-01T10:00:00.000Z',
  data: {
    document: { sha256: 'a'.repeat(64), size: 1234, mediaType: 'application/xml' },
    fileName: 'IT01234567890_00001.xml',
    identificativoSdI: '111',
    dataOraRicezione: '2026-12-01T10:00:00.000Z',
    attempts: 1,
  },
})

describe('the webhook payload', () => {
  it('is {type, timestamp, data: {invoiceId, tenantId, correlationId, ...event.data}}', () => {
    const message = messageOfEvent(transmitted)
    expect(JSON.parse(message.body)).toEqual({
      type: 'invoice.transmitted',
      timestamp: '2026-12-01T10:00:00.000Z',
      data: {
        invoiceId: 'inv-42',
        tenantId: 'acme',
        correlationId: 'corr-1',
        document: { sha256: 'a'.repeat(64), size: 1234, mediaType: 'application/xml' },
        fileName: 'IT01234567890_00001.xml',
        identificativoSdI: '111',
        dataOraRicezione: '2026-12-01T10:00:00.000Z',
        attempts: 1,
      },
    })
    expect(message).toMatchObject({ tenantId: 'acme', eventId: transmitted.id, eventType: 'invoice.transmitted' })
  })

  it('derives the webhook-id from the event id: a redelivered event has the same id, another event another', () => {
    expect(messageOfEvent(transmitted).id).toBe(messageOfEvent({ ...transmitted }).id)
    expect(messageOfEvent({ ...transmitted, id: randomUUID() }).id).not.toBe(messageOfEvent(transmitted).id)
    expect(webhookIdOf('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('msg_0f8fad5bd9cb469fa16570867728950e')
  })

  it('makes the webhook.disabled notice with the subscription, when and why', () => {
    const notice = messageOfDisabling(
      {
        tenantId: 'acme',
        subscriptionId: 'sub-1',
        url: 'https://hooks.example.com/x',
        disabledAt: new Date('2026-12-02T00:00:00Z'),
        reason: 'every delivery attempt failed',
      },
      '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    )
    expect(notice).toMatchObject({ id: 'msg_7c9e6679742540de944be07fc1f90ae7', eventType: WEBHOOK_DISABLED })
    expect(notice.invoiceId).toBeUndefined()
    expect(JSON.parse(notice.body)).toEqual({
      type: 'webhook.disabled',
      timestamp: '2026-12-02T00:00:00.000Z',
      data: {
        tenantId: 'acme',
        subscriptionId: 'sub-1',
        url: 'https://hooks.example.com/x',
        disabledAt: '2026-12-02T00:00:00.000Z',
        reason: 'every delivery attempt failed',
      },
    })
  })
})

describe('the event types a subscription may name', () => {
  it('are every invoice event but the internal command invoice.outcome_requested, and the disabled notice', () => {
    const expected = invoiceEvents.map((event) => event.type).filter((type) => type !== 'invoice.outcome_requested')
    expect(deliveredEvents.map((event) => event.type)).toEqual(expected)
    expect(webhookEventTypes).toEqual([...expected, 'webhook.disabled'])
    expect(webhookEventTypes).not.toContain('invoice.outcome_requested')
  })

  it('names the first unknown one', () => {
    expect(unknownEventType(['invoice.received', 'invoice.notification'])).toBeUndefined()
    expect(unknownEventType(['invoice.received', 'invoice.outcome_requested', 'nope'])).toBe(
      'invoice.outcome_requested',
    )
    expect(unknownEventType([])).toBeUndefined()
  })

  it('an empty list subscribes to every type; a list to its types only', () => {
    expect(subscribesTo([], 'invoice.incoming')).toBe(true)
    expect(subscribesTo(['invoice.incoming'], 'invoice.incoming')).toBe(true)
    expect(subscribesTo(['invoice.incoming'], 'invoice.received')).toBe(false)
  })
})
