import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import type { MeasureDto } from '../../shared/api/playbook'
import { formatDate, formatMoney, formatPercent } from '../../shared/i18n/format'
import type { Role } from '../../shared/roles'
import { type HookKind, hookKinds, type MeasureKind, measureKinds } from '../../shared/worklist'
import { useReasonsQuery } from '../features/churn/hooks/useChurn'
import { EmailTemplateCard } from '../features/messaging/components/EmailTemplateCard'
import {
  useDeleteHook,
  useHooksQuery,
  useMeasuresQuery,
  useRoutingRulesQuery,
  useSaveHook,
  useSaveMeasure,
  useSaveRule,
} from '../features/playbook/hooks/usePlaybook'
import { useI18n } from '../i18n'
import { ChoiceSelect } from '../ui/ChoiceSelect'
import { ErrorAlert } from '../ui/ErrorAlert'
import { FormModal } from '../ui/FormModal'

const euros = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2).replace('.', ','))

function MeasureModal({ measure, onClose }: { measure: MeasureDto | null; onClose: () => void }) {
  const { t, locale } = useI18n()
  const save = useSaveMeasure()
  const reasons = useReasonsQuery()
  const [reasonId, setReasonId] = useState<string | null>(measure?.reasonId ? String(measure.reasonId) : null)
  const [kind, setKind] = useState<MeasureKind>(measure?.kind ?? 'call')
  const [nameDe, setNameDe] = useState(measure?.name.de ?? '')
  const [nameEn, setNameEn] = useState(measure?.name.en ?? '')
  const [cost, setCost] = useState(euros(measure?.costCents ?? 0))
  const [pointsDe, setPointsDe] = useState(measure?.talkingPoints.de ?? '')
  const [pointsEn, setPointsEn] = useState(measure?.talkingPoints.en ?? '')
  const [offer, setOffer] = useState(measure?.defaultOffer ?? '')
  const [maxOffer, setMaxOffer] = useState(euros(measure?.maxOfferCents ?? null))
  const [retired, setRetired] = useState(measure?.retiredAt != null)
  return (
    <FormModal
      title={measure ? t('playbook.editMeasure') : t('playbook.addMeasure')}
      onClose={onClose}
      pending={save.isPending}
      error={save.error}
      canSubmit={nameDe.trim() !== '' && nameEn.trim() !== '' && cost.trim() !== ''}
      submitTestId="measure-save"
      onSubmit={() =>
        save.mutate(
          {
            id: measure?.id,
            reasonId: reasonId ? Number(reasonId) : null,
            kind,
            nameDe,
            nameEn,
            cost,
            talkingPointsDe: pointsDe,
            talkingPointsEn: pointsEn,
            defaultOffer: offer.trim() || null,
            maxOffer: maxOffer.trim() || null,
            retired,
          },
          { onSuccess: onClose },
        )
      }
    >
      <Group grow>
        <Select
          label={t('playbook.reason')}
          data={(reasons.data?.reasons ?? []).map((r) => ({ value: String(r.id), label: r.name[locale] }))}
          value={reasonId}
          onChange={setReasonId}
          clearable
          placeholder={t('playbook.anyReason')}
        />
        <ChoiceSelect
          label={t('playbook.kind')}
          choices={measureKinds}
          labelOf={(k) => t(`playbook.kinds.${k}`)}
          value={kind}
          onChange={setKind}
        />
      </Group>
      <Group grow>
        <TextInput
          label={t('playbook.nameDe')}
          value={nameDe}
          onChange={(e) => setNameDe(e.currentTarget.value)}
          required
        />
        <TextInput
          label={t('playbook.nameEn')}
          value={nameEn}
          onChange={(e) => setNameEn(e.currentTarget.value)}
          required
        />
      </Group>
      <Textarea
        label={t('playbook.pointsDe')}
        value={pointsDe}
        onChange={(e) => setPointsDe(e.currentTarget.value)}
        autosize
      />
      <Textarea
        label={t('playbook.pointsEn')}
        value={pointsEn}
        onChange={(e) => setPointsEn(e.currentTarget.value)}
        autosize
      />
      <Group grow>
        <TextInput
          label={t('playbook.cost')}
          value={cost}
          onChange={(e) => setCost(e.currentTarget.value)}
          data-testid="measure-cost"
        />
        <TextInput
          label={t('playbook.defaultOffer')}
          value={offer}
          onChange={(e) => setOffer(e.currentTarget.value)}
        />
        <TextInput
          label={t('playbook.maxOffer')}
          value={maxOffer}
          onChange={(e) => setMaxOffer(e.currentTarget.value)}
        />
      </Group>
      <Switch
        label={t('playbook.retired')}
        checked={retired}
        onChange={(e) => setRetired(e.currentTarget.checked)}
      />
    </FormModal>
  )
}

function HookModal({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n()
  const save = useSaveHook()
  const reasons = useReasonsQuery()
  const [kind, setKind] = useState<HookKind>('new_product')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [reasonIds, setReasonIds] = useState<string[]>([])
  const [validFrom, setValidFrom] = useState(formatDate(new Date().toISOString().slice(0, 10), locale))
  const [validUntil, setValidUntil] = useState('')
  return (
    <FormModal
      title={t('playbook.addHook')}
      onClose={onClose}
      pending={save.isPending}
      error={save.error}
      canSubmit={title.trim() !== ''}
      submitTestId="hook-save"
      onSubmit={() =>
        save.mutate(
          {
            kind,
            title,
            description,
            reasonIds: reasonIds.map(Number),
            validFrom,
            validUntil: validUntil.trim() || null,
          },
          { onSuccess: onClose },
        )
      }
    >
      <ChoiceSelect
        label={t('playbook.kind')}
        choices={hookKinds}
        labelOf={(k) => t(`playbook.hookKinds.${k}`)}
        value={kind}
        onChange={setKind}
      />
      <TextInput
        label={t('playbook.hookTitle')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        required
        data-testid="hook-title"
      />
      <Textarea
        label={t('playbook.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
      />
      <MultiSelect
        label={t('playbook.reasons')}
        data={(reasons.data?.reasons ?? []).map((r) => ({ value: String(r.id), label: r.name[locale] }))}
        value={reasonIds}
        onChange={setReasonIds}
        placeholder={t('playbook.anyReason')}
        searchable
      />
      <Group grow>
        <TextInput
          label={t('playbook.validFrom')}
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
        />
        <TextInput
          label={t('playbook.validUntil')}
          value={validUntil}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
        />
      </Group>
    </FormModal>
  )
}

/** The playbook (measures per reason), the hooks, and the routing rules; managers edit them. */
export function PlaybookPage({ role }: { role: Role }) {
  const { t, locale } = useI18n()
  const canEdit = role !== 'rep'
  const measures = useMeasuresQuery()
  const hooks = useHooksQuery()
  const rules = useRoutingRulesQuery()
  const reasons = useReasonsQuery(true)
  const deleteHook = useDeleteHook()
  const saveRule = useSaveRule()
  const [editing, setEditing] = useState<MeasureDto | null | undefined>(undefined)
  const [addingHook, setAddingHook] = useState(false)
  const reasonName = (id: number | null) =>
    id === null
      ? t('playbook.anyReason')
      : (reasons.data?.reasons.find((r) => r.id === id)?.name[locale] ?? '–')
  return (
    <Stack>
      <Title order={2}>{t('playbook.title')}</Title>
      {(measures.error || hooks.error || rules.error || saveRule.error || deleteHook.error) && (
        <ErrorAlert
          error={measures.error ?? hooks.error ?? rules.error ?? saveRule.error ?? deleteHook.error}
        />
      )}
      <Card withBorder>
        <Group justify="space-between">
          <Title order={4}>{t('playbook.measures')}</Title>
          {canEdit && (
            <Button size="xs" variant="light" onClick={() => setEditing(null)}>
              {t('playbook.addMeasure')}
            </Button>
          )}
        </Group>
        <Table mt="xs" striped data-testid="measures-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('playbook.reason')}</Table.Th>
              <Table.Th>{t('playbook.measure')}</Table.Th>
              <Table.Th>{t('playbook.kind')}</Table.Th>
              <Table.Th>{t('playbook.cost')}</Table.Th>
              <Table.Th>{t('playbook.defaultOffer')}</Table.Th>
              <Table.Th>{t('playbook.observed')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(measures.data?.measures ?? []).map((m) => (
              <Table.Tr key={m.id} opacity={m.retiredAt ? 0.5 : 1}>
                <Table.Td>{reasonName(m.reasonId)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {m.name[locale]}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {m.talkingPoints[locale]}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`playbook.kinds.${m.kind}`)}</Table.Td>
                <Table.Td>{formatMoney(m.costCents, locale)}</Table.Td>
                <Table.Td>
                  {m.defaultOffer ?? ''}
                  {m.maxOfferCents !== null && (
                    <Text size="xs" c="dimmed">
                      {t('worklist.maxOffer')} {formatMoney(m.maxOfferCents, locale, 'EUR', 0)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-testid={`measure-observed-${m.id}`}>
                  {m.observed ? (
                    <>
                      {formatPercent(m.observed.rate, locale)}{' '}
                      <Text span size="xs" c="dimmed">
                        ({m.observed.won}/{m.observed.attempts}; {formatPercent(m.observed.low, locale)} –{' '}
                        {formatPercent(m.observed.high, locale)})
                      </Text>
                    </>
                  ) : (
                    <Text span size="xs" c="dimmed">
                      {t('playbook.noEvidence')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {canEdit && (
                    <Button size="xs" variant="subtle" onClick={() => setEditing(m)}>
                      {t('playbook.edit')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Group justify="space-between">
          <Title order={4}>{t('playbook.hooks')}</Title>
          {canEdit && (
            <Button size="xs" variant="light" onClick={() => setAddingHook(true)} data-testid="add-hook">
              {t('playbook.addHook')}
            </Button>
          )}
        </Group>
        {hooks.data?.hooks.length === 0 && <Text c="dimmed">{t('playbook.noHooks')}</Text>}
        <Table mt="xs" data-testid="hooks-table">
          <Table.Tbody>
            {(hooks.data?.hooks ?? []).map((h) => (
              <Table.Tr key={h.id} opacity={h.current ? 1 : 0.5}>
                <Table.Td>
                  <Badge variant="light">{t(`playbook.hookKinds.${h.kind}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {h.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {h.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {h.reasonIds.length === 0
                    ? t('playbook.anyReason')
                    : h.reasonIds.map(reasonName).join(', ')}
                </Table.Td>
                <Table.Td>
                  {formatDate(h.validFrom, locale)} – {h.validUntil ? formatDate(h.validUntil, locale) : '…'}
                </Table.Td>
                <Table.Td>
                  {canEdit && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => deleteHook.mutate(h.id)}>
                      {t('playbook.delete')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={4}>{t('playbook.rules')}</Title>
        <Text size="sm" c="dimmed">
          {t('playbook.rulesExplain')}
        </Text>
        <Table mt="xs" data-testid="rules-table">
          <Table.Tbody>
            {(rules.data?.rules ?? []).map((r, i) => (
              <Table.Tr key={r.id} opacity={r.active ? 1 : 0.5}>
                <Table.Td>{i + 1}.</Table.Td>
                <Table.Td>{r.name[locale]}</Table.Td>
                <Table.Td>
                  {r.assignee === 'user' ? (r.assigneeName ?? '–') : t(`playbook.assignees.${r.assignee}`)}
                </Table.Td>
                <Table.Td>{r.channels.map((c) => t(`worklist.channel.${c}`)).join(' → ')}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={r.active}
                    disabled={!canEdit}
                    aria-label={t('playbook.active')}
                    onChange={(e) =>
                      saveRule.mutate({
                        id: r.id,
                        nameDe: r.name.de,
                        nameEn: r.name.en,
                        conditions: r.conditions,
                        assignee: r.assignee,
                        assigneeUserId: r.assigneeUserId,
                        channels: r.channels,
                        active: e.currentTarget.checked,
                      })
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {editing !== undefined && <MeasureModal measure={editing} onClose={() => setEditing(undefined)} />}
      {addingHook && <HookModal onClose={() => setAddingHook(false)} />}
      <EmailTemplateCard measures={measures.data?.measures ?? []} canEdit={canEdit} />
    </Stack>
  )
}
