import { useQuery } from '@tanstack/react-query'
import type { CustomerDetail } from '../../../../shared/api/customers'
import { api } from '../../../api/client'

export function useCustomerQuery(id: number) {
  return useQuery({
    queryKey: ['customer', id],
    queryFn: () => api.get<CustomerDetail>(`/customers/${id}`),
    enabled: Number.isInteger(id),
  })
}
