export const roles = ['admin', 'manager', 'rep'] as const
export type Role = (typeof roles)[number]
