import { Button, Card, Group, Select, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import type { Role } from '../../../../shared/roles'
import {
  type FollowupPriority,
  followupPriorities,
  type PlannedChannel,
  plannedChannels,
} from '../../../../shared/worklist'
import { useI18n } from '../../../i18n'
import { ChoiceSelect } from '../../../ui/ChoiceSelect'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { FormModal } from '../../../ui/FormModal'
import { useCustomerReasonsQuery } from '../../churn/hooks/useChurn'
import { useCustomerFiltersQuery } from '../../customers/hooks/useCustomerFiltersQuery'
import { useHooksQuery } from '../../playbook/hooks/usePlaybook'
import { usePlanFollowup, useSetOwner } from '../hooks/useWorklist'
import { CallModal } from './CallModal'

function FollowupModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t } = useI18n()
  const plan = usePlanFollowup(customerId)
  const [dueOn, setDueOn] = useState('')
  const [dueTime, setDueTime] = useState('')
  const [priority, setPriority] = useState<FollowupPriority>('normal')
  const [channel, setChannel] = useState<PlannedChannel>('phone')
  const [note, setNote] = useState('')
  return (
    <FormModal
      title={t('worklist.planFollowup')}
      onClose={onClose}
      pending={plan.isPending}
      error={plan.error}
      canSubmit={dueOn.trim() !== ''}
      submitTestId="followup-save"
      onSubmit={() =>
        plan.mutate(
          { dueOn, dueTime: dueTime.trim() || null, priority, channel, note: note.trim() || undefined },
          { onSuccess: onClose },
        )
      }
    >
      <Group grow>
        <TextInput
          label={t('worklist.call.dueOn')}
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
          required
          placeholder="TT.MM.JJJJ"
        />
        <TextInput
          label={t('worklist.call.dueTime')}
          value={dueTime}
          onChange={(e) => setDueTime(e.currentTarget.value)}
          placeholder="10:30"
        />
      </Group>
      <Group grow>
        <ChoiceSelect
          label={t('worklist.call.priority')}
          choices={followupPriorities}
          labelOf={(p) => t(`worklist.priority.${p}`)}
          value={priority}
          onChange={setPriority}
        />
        <ChoiceSelect
          label={t('followups.channel')}
          choices={plannedChannels}
          labelOf={(c) => t(`worklist.channel.${c}`)}
          value={channel}
          onChange={setChannel}
        />
      </Group>
      <TextInput
        label={t('worklist.call.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
      />
    </FormModal>
  )
}

/** Working this customer: log a call, plan a Wiedervorlage, and (managers) hand them to another owner. */
export function CustomerWorkCard({
  customerId,
  customerName,
  ownerId,
  role,
}: {
  customerId: number
  customerName: string
  ownerId: number | null
  role: Role
}) {
  const { t } = useI18n()
  const [calling, setCalling] = useState(false)
  const [planning, setPlanning] = useState(false)
  const filters = useCustomerFiltersQuery()
  const setOwner = useSetOwner(customerId)
  const hooks = useHooksQuery()
  const reasons = useCustomerReasonsQuery(customerId)
  const reasonIds = (reasons.data?.reasons ?? []).map((r) => r.reason.id)
  // the company news that fit this customer's reasons (a hook without reasons fits everybody)
  const fitting = (hooks.data?.hooks ?? []).filter(
    (h) => h.current && (h.reasonIds.length === 0 || h.reasonIds.some((id) => reasonIds.includes(id))),
  )
  return (
    <Card withBorder data-testid="customer-work">
      <Group justify="space-between">
        <Title order={4}>{t('worklist.customerWork')}</Title>
        <Group>
          <Button size="xs" onClick={() => setCalling(true)} data-testid="customer-log-call">
            {t('worklist.logCall')}
          </Button>
          <Button
            size="xs"
            variant="light"
            onClick={() => setPlanning(true)}
            data-testid="customer-plan-followup"
          >
            {t('worklist.planFollowup')}
          </Button>
        </Group>
      </Group>
      {fitting.length > 0 && (
        <Text size="sm" mt="xs" data-testid="customer-hooks">
          <b>{t('worklist.hooks')}:</b> {fitting.map((h) => h.title).join(' · ')}
        </Text>
      )}
      {role !== 'rep' && (
        <Group mt="sm" align="flex-end">
          <Select
            label={t('worklist.owner')}
            data={(filters.data?.owners ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
            value={ownerId === null ? null : String(ownerId)}
            onChange={(v) => setOwner.mutate({ ownerUserId: v ? Number(v) : null })}
            clearable
            w={240}
            data-testid="owner-select"
          />
          <Text size="xs" c="dimmed">
            {t('worklist.ownerHint')}
          </Text>
        </Group>
      )}
      {setOwner.error && <ErrorAlert error={setOwner.error} />}
      {calling && (
        <CallModal customerId={customerId} customerName={customerName} onClose={() => setCalling(false)} />
      )}
      {planning && <FollowupModal customerId={customerId} onClose={() => setPlanning(false)} />}
    </Card>
  )
}
