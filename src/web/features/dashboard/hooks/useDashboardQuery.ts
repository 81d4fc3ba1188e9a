import { useQuery } from '@tanstack/react-query'
import type { Dashboard } from '../../../../shared/api/dashboard'
import { api } from '../../../api/client'

export function useDashboardQuery() {
  return useQuery({ queryKey: ['dashboard'], queryFn: () => api.get<Dashboard>('/dashboard') })
}
