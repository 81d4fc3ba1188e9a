import { Group, NumberInput, Select, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import type { CampaignInput } from '../../../../shared/api/campaigns'
import { type ContactChannel, contactChannels } from '../../../../shared/contact'
import { type WinbackStatus, winbackStatuses } from '../../../../shared/winback'
import { type PlannedChannel, plannedChannels } from '../../../../shared/worklist'
import { useI18n } from '../../../i18n'
import { ChoiceSelect } from '../../../ui/ChoiceSelect'
import { FormModal } from '../../../ui/FormModal'
import { useReasonsQuery } from '../../churn/hooks/useChurn'
import { useMeasuresQuery } from '../../playbook/hooks/usePlaybook'
import { useCreateCampaign } from '../hooks/useCampaigns'

/** A new campaign: target group from the win-back list's filters, measure, two steps, budget, control group. */
export function CreateCampaignModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n()
  const navigate = useNavigate()
  const create = useCreateCampaign()
  const reasons = useReasonsQuery()
  const measures = useMeasuresQuery()
  const [name, setName] = useState('')
  const [status, setStatus] = useState<WinbackStatus>('lost')
  const [reasonId, setReasonId] = useState<string | null>(null)
  const [contactableBy, setContactableBy] = useState<ContactChannel>('phone')
  const [limit, setLimit] = useState<number | string>('')
  const [measureId, setMeasureId] = useState<string | null>(null)
  const [first, setFirst] = useState<PlannedChannel>('phone')
  const [second, setSecond] = useState<PlannedChannel | 'none'>('letter')
  const [secondAfter, setSecondAfter] = useState<number | string>(10)
  const [budget, setBudget] = useState('')
  const [controlPercent, setControlPercent] = useState<number | string>(20)
  const [baselinePercent, setBaselinePercent] = useState<number | string>(5)
  const [differencePercent, setDifferencePercent] = useState<number | string>(5)
  const submit = () => {
    const body: CampaignInput = {
      name: name.trim(),
      filter: {
        status,
        reasonId: reasonId ? Number(reasonId) : undefined,
        contactableBy,
        limit: limit === '' ? undefined : Number(limit),
      },
      measureId: measureId ? Number(measureId) : null,
      steps: [
        { offsetDays: 0, channel: first },
        ...(second === 'none' ? [] : [{ offsetDays: Number(secondAfter) || 0, channel: second }]),
      ],
      budget: budget.trim() || undefined,
      controlShare: Number(controlPercent) / 100,
      baselineRate: Number(baselinePercent) / 100,
      minDifference: Number(differencePercent) / 100,
    }
    create.mutate(body, { onSuccess: ({ id }) => navigate(`/campaigns/${id}`) })
  }
  return (
    <FormModal
      title={t('campaigns.new')}
      onClose={onClose}
      onSubmit={submit}
      pending={create.isPending}
      error={create.error}
      canSubmit={name.trim() !== ''}
      submitTestId="campaign-save"
    >
      <TextInput
        label={t('campaigns.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
        data-testid="campaign-name"
      />
      <Text fw={500} size="sm">
        {t('campaigns.target')}
      </Text>
      <Group grow>
        <ChoiceSelect
          label={t('campaigns.status')}
          choices={winbackStatuses}
          labelOf={(s) => t(`status.${s}`)}
          value={status}
          onChange={setStatus}
        />
        <Select
          label={t('campaigns.reason')}
          data={(reasons.data?.reasons ?? []).map((r) => ({ value: String(r.id), label: r.name[locale] }))}
          value={reasonId}
          onChange={setReasonId}
          clearable
          placeholder={t('common.all')}
        />
      </Group>
      <Group grow>
        <ChoiceSelect
          label={t('campaigns.contactableBy')}
          choices={contactChannels}
          labelOf={(c) => t(`worklist.channel.${c}`)}
          value={contactableBy}
          onChange={setContactableBy}
          data-testid="campaign-contactable"
        />
        <NumberInput
          label={t('campaigns.limit')}
          value={limit}
          onChange={setLimit}
          min={1}
          placeholder={t('common.all')}
        />
      </Group>
      <Select
        label={t('campaigns.measure')}
        data={(measures.data?.measures ?? [])
          .filter((m) => !m.retiredAt)
          .map((m) => ({ value: String(m.id), label: m.name[locale] }))}
        value={measureId}
        onChange={setMeasureId}
        clearable
        searchable
      />
      <Group grow>
        <ChoiceSelect
          label={t('campaigns.firstStep')}
          choices={plannedChannels}
          labelOf={(c) => t(`worklist.channel.${c}`)}
          value={first}
          onChange={setFirst}
          data-testid="campaign-first-step"
        />
        <ChoiceSelect
          label={t('campaigns.secondStep')}
          choices={['none', ...plannedChannels] as const}
          labelOf={(c) => (c === 'none' ? t('common.none') : t(`worklist.channel.${c}`))}
          value={second}
          onChange={setSecond}
        />
        <NumberInput
          label={t('campaigns.after')}
          value={secondAfter}
          onChange={setSecondAfter}
          min={0}
          max={365}
          disabled={second === 'none'}
        />
      </Group>
      <Group grow>
        <TextInput
          label={t('campaigns.budget')}
          value={budget}
          onChange={(e) => setBudget(e.currentTarget.value)}
          placeholder="0,00"
        />
        <NumberInput
          label={t('campaigns.controlShare')}
          value={controlPercent}
          onChange={setControlPercent}
          min={0}
          max={50}
          suffix=" %"
          data-testid="campaign-control"
        />
      </Group>
      <Group grow>
        <NumberInput
          label={t('campaigns.baseline')}
          value={baselinePercent}
          onChange={setBaselinePercent}
          min={0}
          max={90}
          suffix=" %"
          decimalScale={1}
        />
        <NumberInput
          label={t('campaigns.difference')}
          value={differencePercent}
          onChange={setDifferencePercent}
          min={0.5}
          max={90}
          suffix=" %"
          decimalScale={1}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('campaigns.controlHint')}
      </Text>
    </FormModal>
  )
}
