import { useQuery } from '@tanstack/react-query'
import type { SessionUserDto } from '../../../../shared/api/auth'
import { ApiError, api } from '../../../api/client'

export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return (await api.get<{ user: SessionUserDto }>('/auth/me')).user
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null
        throw error
      }
    },
    staleTime: 60_000,
  })
}
