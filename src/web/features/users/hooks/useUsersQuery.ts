import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { UserDto } from '../../../../shared/api/auth'
import { api } from '../../../api/client'

export function useUsersQuery() {
  return useQuery({ queryKey: ['users'], queryFn: () => api.get<{ users: UserDto[] }>('/users') })
}

export function useCreateUserMutation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; name: string; role: string; password: string; locale: string }) =>
      api.post<{ user: UserDto }>('/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  })
}

export function useUpdateUserMutation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; disabled?: boolean; role?: string }) =>
      api.patch<{ user: UserDto }>(`/users/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  })
}
