import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  CauseOverview,
  ChurnReasonDto,
  ChurnReasonInput,
  ChurnReasonUpdate,
  CustomerReasonDto,
  CustomerReasonInput,
} from '../../../../shared/api/churn'
import { api } from '../../../api/client'

export function useReasonsQuery(all = false) {
  return useQuery({
    queryKey: ['churn-reasons', all],
    queryFn: () => api.get<{ reasons: ChurnReasonDto[] }>(`/churn-reasons${all ? '?all=true' : ''}`),
  })
}

export function useCustomerReasonsQuery(customerId: number) {
  return useQuery({
    queryKey: ['customer-reasons', customerId],
    queryFn: () => api.get<{ reasons: CustomerReasonDto[] }>(`/customers/${customerId}/churn-reasons`),
  })
}

export function useCauseOverviewQuery() {
  return useQuery({
    queryKey: ['cause-overview'],
    queryFn: () => api.get<CauseOverview>('/churn-reasons/overview'),
  })
}

function useInvalidate(customerId?: number) {
  const queryClient = useQueryClient()
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['churn-reasons'] }),
      queryClient.invalidateQueries({ queryKey: ['cause-overview'] }),
      customerId === undefined
        ? null
        : queryClient.invalidateQueries({ queryKey: ['customer-reasons', customerId] }),
    ])
  }
}

export function useRecordReason(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (body: CustomerReasonInput) =>
      api.post<{ id: number }>(`/customers/${customerId}/churn-reasons`, body),
    onSuccess,
  })
}

export function useRemoveReason(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (entryId: number) =>
      api.delete<{ ok: true }>(`/customers/${customerId}/churn-reasons/${entryId}`),
    onSuccess,
  })
}

export function useAddCatalogueReason() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: (body: ChurnReasonInput) => api.post<ChurnReasonDto>('/churn-reasons', body),
    onSuccess,
  })
}

export function useUpdateCatalogueReason() {
  const onSuccess = useInvalidate()
  return useMutation({
    mutationFn: ({ id, ...body }: ChurnReasonUpdate & { id: number }) =>
      api.patch<ChurnReasonDto>(`/churn-reasons/${id}`, body),
    onSuccess,
  })
}
