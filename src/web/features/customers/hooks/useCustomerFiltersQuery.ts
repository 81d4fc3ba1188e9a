import { useQuery } from '@tanstack/react-query'
import { api } from '../../../api/client'

export function useCustomerFiltersQuery() {
  return useQuery({
    queryKey: ['customer-filters'],
    queryFn: () =>
      api.get<{ segments: string[]; owners: { id: number; name: string }[] }>('/customers/filters'),
    staleTime: 60_000,
  })
}
