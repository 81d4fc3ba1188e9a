import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  CancellationDto,
  CancellationInput,
  CancellationOutcomeInput,
  RetentionInput,
  RetentionSummary,
} from '../../../../shared/api/cancellations'
import { api } from '../../../api/client'

export function useCancellationsQuery(customerId: number) {
  return useQuery({
    queryKey: ['cancellations', customerId],
    queryFn: () => api.get<{ cancellations: CancellationDto[] }>(`/customers/${customerId}/cancellations`),
  })
}

export function useRetentionSummaryQuery() {
  return useQuery({
    queryKey: ['retention-summary'],
    queryFn: () => api.get<RetentionSummary>('/cancellations/summary'),
  })
}

/** A cancellation changes the contract, the reasons and the status: everything that shows them is reloaded. */
function useInvalidate(customerId: number) {
  const queryClient = useQueryClient()
  return async () => {
    await Promise.all(
      [
        ['cancellations', customerId],
        ['customer', customerId],
        ['customer-reasons', customerId],
        ['cause-overview'],
        ['retention-summary'],
        ['winback'],
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    )
  }
}

export function useRecordCancellation(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (body: CancellationInput) =>
      api.post<{ id: number }>(`/customers/${customerId}/cancellations`, body),
    onSuccess,
  })
}

export function useRecordRetention(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: ({ id, ...body }: RetentionInput & { id: number }) =>
      api.post(`/customers/${customerId}/cancellations/${id}/retention`, body),
    onSuccess,
  })
}

export function useDecideCancellation(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: ({ id, ...body }: CancellationOutcomeInput & { id: number }) =>
      api.post(`/customers/${customerId}/cancellations/${id}/outcome`, body),
    onSuccess,
  })
}
