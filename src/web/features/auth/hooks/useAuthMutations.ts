import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { SessionUserDto } from '../../../../shared/api/auth'
import { api } from '../../../api/client'

export function useLoginMutation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ user: SessionUserDto }>('/auth/login', body),
    onSuccess: ({ user }) => {
      queryClient.clear()
      queryClient.setQueryData(['me'], user)
    },
  })
}

export function useLogoutMutation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      queryClient.clear()
      queryClient.setQueryData(['me'], null)
    },
  })
}
