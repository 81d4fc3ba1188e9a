import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type {
  ConsentInput,
  ContactFactsInput,
  ContactImportResultDto,
  ContactOverview,
  ErasureResult,
  ObjectionInput,
} from '../../../../shared/api/contact'
import { api } from '../../../api/client'

export function useContactQuery(customerId: number) {
  return useQuery({
    queryKey: ['contact', customerId],
    queryFn: () => api.get<ContactOverview>(`/customers/${customerId}/contact`),
    enabled: Number.isInteger(customerId),
  })
}

/** After any change the overview, the lists (contactable filter) and the audit log are stale. */
function useInvalidate(customerId: number) {
  const queryClient = useQueryClient()
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['contact', customerId] }),
      queryClient.invalidateQueries({ queryKey: ['customer', customerId] }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
      queryClient.invalidateQueries({ queryKey: ['audit'] }),
    ])
  }
}

export function useRecordConsent(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (body: ConsentInput) => api.post<{ id: number }>(`/customers/${customerId}/consents`, body),
    onSuccess,
  })
}

export function useWithdrawConsent(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (consentId: number) =>
      api.post<{ ok: true }>(`/customers/${customerId}/consents/${consentId}/withdraw`, {}),
    onSuccess,
  })
}

export function useRecordObjection(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (body: ObjectionInput) =>
      api.post<{ id: number }>(`/customers/${customerId}/objections`, body),
    onSuccess,
  })
}

export function useUpdateContactFacts(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (body: ContactFactsInput) =>
      api.put<{ ok: true }>(`/customers/${customerId}/contact-facts`, body),
    onSuccess,
  })
}

export function useEraseCustomer(customerId: number) {
  const onSuccess = useInvalidate(customerId)
  return useMutation({
    mutationFn: (confirm: string) => api.post<ErasureResult>(`/customers/${customerId}/erase`, { confirm }),
    onSuccess,
  })
}

export function useImportContactCsv() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData()
      form.append('file', file)
      return api.post<ContactImportResultDto>('/contact/import', form)
    },
    onSuccess: () => queryClient.invalidateQueries(),
  })
}
