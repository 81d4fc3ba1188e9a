import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { CustomerList } from '../../../../shared/api/customers'
import { api, toQuery } from '../../../api/client'

export interface CustomerListParams {
  status?: string
  segment?: string
  owner?: string
  q?: string
  contactable?: string
  sort?: string
  dir?: string
  page?: number
  pageSize?: number
}

export function useCustomersQuery(params: CustomerListParams) {
  return useQuery({
    queryKey: ['customers', params],
    queryFn: () => api.get<CustomerList>(`/customers${toQuery({ ...params })}`),
    placeholderData: keepPreviousData,
  })
}
