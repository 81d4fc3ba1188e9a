import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { WinbackAssessmentDto, WinbackAssessmentInput } from '../../../../shared/api/winback'
import { api } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'

type Assessment = WinbackAssessmentDto

/** What the rep knows about winning this customer back; it feeds the win-back list. */
export function AssessmentCard({ customerId }: { customerId: number }) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const query = useQuery({
    queryKey: ['assessment', customerId],
    queryFn: () => api.get<Assessment>(`/customers/${customerId}/winback-assessment`),
  })
  const [draft, setDraft] = useState<Assessment | null>(null)
  useEffect(() => {
    if (query.data) setDraft(query.data)
  }, [query.data])
  const save = useMutation({
    mutationFn: (body: WinbackAssessmentInput) =>
      api.put<Assessment>(`/customers/${customerId}/winback-assessment`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['assessment', customerId] })
      await queryClient.invalidateQueries({ queryKey: ['winback'] })
      notifications.show({ color: 'teal', message: t('winback.assessment.saved') })
    },
  })
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!draft) return null
  const set = (patch: Partial<Assessment>) => setDraft({ ...draft, ...patch })
  return (
    <Card withBorder data-testid="assessment-card">
      <Title order={4}>{t('winback.assessment.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('winback.assessment.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Select
          label={t('winback.assessment.ease')}
          data={[1, 2, 3, 4, 5].map((n) => ({
            value: String(n),
            label: t(`winback.assessment.easeValue.${n}`),
          }))}
          value={draft.ease === null ? null : String(draft.ease)}
          onChange={(v) => set({ ease: v === null ? null : Number(v) })}
          clearable
        />
        <NumberInput
          label={t('winback.assessment.refusals')}
          min={0}
          max={100}
          value={draft.refusals}
          onChange={(v) => set({ refusals: Number(v) || 0 })}
        />
        <NumberInput
          label={t('winback.assessment.responses')}
          min={0}
          max={100}
          value={draft.positiveResponses}
          onChange={(v) => set({ positiveResponses: Number(v) || 0 })}
        />
        <NumberInput
          label={t('winback.assessment.measure')}
          min={0}
          decimalScale={2}
          value={draft.plannedMeasureCents === null ? '' : draft.plannedMeasureCents / 100}
          onChange={(v) => set({ plannedMeasureCents: v === '' ? null : Math.round(Number(v) * 100) })}
        />
      </SimpleGrid>
      <Group mt="sm">
        <Checkbox
          label={t('winback.exclusion.insolvent_or_closed')}
          checked={draft.insolventOrClosed}
          onChange={(e) => set({ insolventOrClosed: e.currentTarget.checked })}
        />
        <Checkbox
          label={t('winback.exclusion.switched_for_good')}
          checked={draft.switchedForGood}
          onChange={(e) => set({ switchedForGood: e.currentTarget.checked })}
        />
      </Group>
      <Group mt="sm" align="flex-end">
        <Select
          label={t('winback.assessment.manual')}
          data={[
            { value: 'include', label: t('winback.assessment.include') },
            { value: 'exclude', label: t('winback.assessment.exclude') },
          ]}
          value={draft.manualDecision}
          onChange={(v) => set({ manualDecision: (v as Assessment['manualDecision']) ?? null })}
          clearable
          w={220}
        />
        <TextInput
          label={t('winback.assessment.note')}
          value={draft.manualNote ?? ''}
          onChange={(e) => set({ manualNote: e.currentTarget.value })}
          style={{ flex: 1 }}
        />
        <Button loading={save.isPending} onClick={() => save.mutate(draft)} data-testid="assessment-save">
          {t('contact.save')}
        </Button>
      </Group>
      {save.isError && <ErrorAlert error={save.error} />}
    </Card>
  )
}
