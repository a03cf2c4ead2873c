// Examples for the OpenAPI document of /v1/webhooks.

const ID = '5f0c2b1e-3d4a-4b6c-8e9f-0a1b2c3d4e5f'
const DELIVERY = '7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d'

const subscription = {
  id: ID,
  url: 'https://erp.example.com/varco/webhooks',
  description: 'ERP',
  eventTypes: ['invoice.notification', 'invoice.incoming'],
  enabled: true,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
}

const delivery = {
  id: DELIVERY,
  webhookId: 'msg_2Zq4bX9c',
  eventId: '0193d0a8-8e4b-7a3c-9c1e-5b2f7d1e4a61',
  eventType: 'invoice.notification',
  invoiceId: '0193d0a8-8e4b-7a3c-9c1e-5b2f7d1e4a60',
  status: 'delivered',
  attempts: 1,
  lastAttemptAt: '2026-12-01T10:05:02.000Z',
  lastResponseStatus: 200,
  createdAt: '2026-12-01T10:05:01.000Z',
  deliveredAt: '2026-12-01T10:05:02.000Z',
}

export const webhookExamples = {
  subscription,
  created: { ...subscription, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
  subscriptionPage: { items: [subscription] },
  rotated: { secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', previousSecretExpiresAt: '2026-12-02T10:00:00.000Z' },
  delivery,
  deliveryDetail: {
    ...delivery,
    attemptLog: [{ at: '2026-12-01T10:05:02.000Z', durationMs: 120, responseStatus: 200 }],
  },
  deliveryPage: { items: [delivery] },
  eventTypes: { items: ['invoice.notification', 'invoice.incoming', 'invoice.outcome_sent'] },
  create: { url: 'https://erp.example.com/varco/webhooks', description: 'ERP', eventTypes: ['invoice.notification'] },
  patch: { enabled: true },
}
