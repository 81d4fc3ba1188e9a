import { z } from 'zod'
import { roles } from '../roles'

export const loginRequestSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1000),
})

export const sessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  locale: z.string(),
})
export type SessionUserDto = z.infer<typeof sessionUserSchema>

export const userSchema = sessionUserSchema.extend({
  createdAt: z.string(),
  disabled: z.boolean(),
})
export type UserDto = z.infer<typeof userSchema>

export const createUserRequestSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(roles),
  password: z.string().min(10).max(1000),
  locale: z.enum(['de', 'en']).default('de'),
})

export const updateUserRequestSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(roles).optional(),
  disabled: z.boolean().optional(),
  locale: z.enum(['de', 'en']).optional(),
  password: z.string().min(10).max(1000).optional(),
  /** required to change one's own password: a session left open is not enough */
  currentPassword: z.string().max(1000).optional(),
})
