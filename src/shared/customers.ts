export const customerTypes = ['business', 'consumer', 'unknown'] as const
export type CustomerType = (typeof customerTypes)[number]
