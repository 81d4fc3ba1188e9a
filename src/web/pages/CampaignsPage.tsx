import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { CampaignDto } from '../../shared/api/campaigns'
import { formatMoney, formatNumber, formatPercent } from '../../shared/i18n/format'
import type { Role } from '../../shared/roles'
import { CreateCampaignModal } from '../features/campaigns/components/CreateCampaignModal'
import { ResultsCard } from '../features/campaigns/components/ResultsCard'
import {
  useCampaignAction,
  useCampaignQuery,
  useCampaignsQuery,
} from '../features/campaigns/hooks/useCampaigns'
import { CampaignStepsCard } from '../features/messaging/components/CampaignStepsCard'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { DateText } from '../ui/format'

const stateColor = { draft: 'gray', running: 'teal', closed: 'blue' } as const

/** The campaigns: target group, arms, cost against budget, and whether the control group can show an effect. */
export function CampaignsPage({ role }: { role: Role }) {
  const { t, locale } = useI18n()
  const navigate = useNavigate()
  const query = useCampaignsQuery()
  const [creating, setCreating] = useState(false)
  const campaigns = query.data?.campaigns ?? []
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('campaigns.title')}</Title>
        {role !== 'rep' && (
          <Button onClick={() => setCreating(true)} data-testid="new-campaign">
            {t('campaigns.new')}
          </Button>
        )}
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && campaigns.length === 0 && <Text c="dimmed">{t('campaigns.none')}</Text>}
      {campaigns.length > 0 && (
        <Table striped highlightOnHover data-testid="campaigns-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.name')}</Table.Th>
              <Table.Th>{t('campaigns.state')}</Table.Th>
              <Table.Th>{t('campaigns.treated')}</Table.Th>
              <Table.Th>{t('campaigns.control')}</Table.Th>
              <Table.Th>{t('campaigns.contacted')}</Table.Th>
              <Table.Th>{t('campaigns.cost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.map((c) => (
              <Table.Tr
                key={c.id}
                onClick={() => navigate(`/campaigns/${c.id}`)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${c.id}`}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={stateColor[c.state]}>{t(`campaigns.states.${c.state}`)}</Badge>
                </Table.Td>
                <Table.Td>{formatNumber(c.treated, locale)}</Table.Td>
                <Table.Td>{formatNumber(c.control, locale)}</Table.Td>
                <Table.Td>{formatNumber(c.contacted, locale)}</Table.Td>
                <Table.Td>{formatMoney(c.plannedCostCents, locale, 'EUR', 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <CreateCampaignModal onClose={() => setCreating(false)} />}
    </Stack>
  )
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Card>
  )
}

function PowerCard({ campaign }: { campaign: CampaignDto }) {
  const { t, locale } = useI18n()
  const p = campaign.power
  return (
    <Card withBorder>
      <Title order={4}>{t('campaigns.power.title')}</Title>
      <Text size="sm" mt="xs" data-testid="power-text">
        {t('campaigns.power.text', {
          baseline: formatPercent(p.baselineRate, locale),
          treated: formatPercent(p.treatedRate, locale),
          required: formatNumber(p.requiredPerArm, locale),
          power: formatPercent(p.achievedPower, locale),
          model: formatPercent(p.modelRate, locale),
        })}
      </Text>
      {p.tooSmall && campaign.controlShare > 0 && (
        <Alert color="orange" mt="sm" data-testid="power-warning">
          {t('campaigns.power.tooSmall', {
            control: formatNumber(p.control, locale),
            required: formatNumber(p.requiredPerArm, locale),
          })}
        </Alert>
      )}
      {campaign.controlShare === 0 && (
        <Alert color="gray" mt="sm">
          {t('campaigns.power.noControl')}
        </Alert>
      )}
    </Card>
  )
}

export function CampaignPage({ role }: { role: Role }) {
  const { t, locale } = useI18n()
  const id = Number(useParams().id)
  const navigate = useNavigate()
  const [arm, setArm] = useState<'treatment' | 'control' | null>(null)
  const query = useCampaignQuery(id, arm, 0)
  const action = useCampaignAction()
  const c = query.data
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!c) return null
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{c.name}</Title>
          <Group gap="xs">
            <Badge color={stateColor[c.state]} data-testid="campaign-state">
              {t(`campaigns.states.${c.state}`)}
            </Badge>
            {c.launchedOn && (
              <Text size="sm" c="dimmed">
                {t('campaigns.launchedOn')} <DateText date={c.launchedOn} />
              </Text>
            )}
            {c.measure && (
              <Text size="sm" c="dimmed">
                · {t('campaigns.measure')}: {c.measure.name[locale]}
              </Text>
            )}
          </Group>
        </div>
        {role !== 'rep' && (
          <Group>
            {c.state === 'draft' && (
              <>
                <Button
                  color="red"
                  variant="light"
                  onClick={() =>
                    action.mutate({ id, action: 'delete' }, { onSuccess: () => navigate('/campaigns') })
                  }
                >
                  {t('campaigns.delete')}
                </Button>
                <Button
                  onClick={() => action.mutate({ id, action: 'launch' })}
                  loading={action.isPending}
                  data-testid="campaign-launch"
                >
                  {t('campaigns.launch')}
                </Button>
              </>
            )}
            {c.state === 'running' && (
              <Button
                variant="light"
                onClick={() => action.mutate({ id, action: 'close' })}
                loading={action.isPending}
              >
                {t('campaigns.close')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {action.error && <ErrorAlert error={action.error} />}
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Figure
          label={t('campaigns.members')}
          value={formatNumber(c.members, locale)}
          testId="campaign-members"
        />
        <Figure
          label={t('campaigns.treated')}
          value={formatNumber(c.treated, locale)}
          testId="campaign-treated"
        />
        <Figure
          label={t('campaigns.control')}
          value={formatNumber(c.control, locale)}
          testId="campaign-control-count"
        />
        <Figure label={t('campaigns.contacted')} value={formatNumber(c.contacted, locale)} />
        <Figure
          label={t('campaigns.cost')}
          value={`${formatMoney(c.plannedCostCents, locale, 'EUR', 0)}${c.budgetCents !== null ? ` / ${formatMoney(c.budgetCents, locale, 'EUR', 0)}` : ''}`}
        />
      </SimpleGrid>
      {c.overBudget && <Alert color="orange">{t('campaigns.overBudget')}</Alert>}
      {(c.skipped.notContactable > 0 || c.skipped.noAssignee > 0) && (
        <Text size="sm" c="dimmed" data-testid="campaign-skipped">
          {t('campaigns.skipped', {
            notContactable: c.skipped.notContactable,
            noAssignee: c.skipped.noAssignee,
          })}
        </Text>
      )}
      <CampaignStepsCard campaign={c} canSend={role !== 'rep'} />
      {role !== 'rep' && <ResultsCard campaignId={c.id} launched={c.launchedOn !== null} />}
      <PowerCard campaign={c} />
      <Card withBorder>
        <Title order={4}>{t('campaigns.strata')}</Title>
        <Table mt="xs" data-testid="strata-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.stratum')}</Table.Th>
              <Table.Th>{t('campaigns.treated')}</Table.Th>
              <Table.Th>{t('campaigns.control')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.strata.map((s) => (
              <Table.Tr key={s.stratum}>
                <Table.Td>{t('campaigns.stratumName', { n: s.stratum + 1 })}</Table.Td>
                <Table.Td>{s.treated}</Table.Td>
                <Table.Td>{s.control}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Group justify="space-between">
        <Title order={4}>{t('campaigns.memberList')}</Title>
        <SegmentedControl
          data={[
            { value: 'all', label: t('common.all') },
            { value: 'treatment', label: t('campaigns.treated') },
            { value: 'control', label: t('campaigns.control') },
          ]}
          value={arm ?? 'all'}
          onChange={(v) => setArm(v === 'all' ? null : (v as 'treatment' | 'control'))}
        />
      </Group>
      <Table striped data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('followups.customer')}</Table.Th>
            <Table.Th>{t('campaigns.arm')}</Table.Th>
            <Table.Th>{t('followups.assignee')}</Table.Th>
            <Table.Th>{t('followups.channel')}</Table.Th>
            <Table.Th>{t('campaigns.expectedNet')}</Table.Th>
            <Table.Th>{t('campaigns.contacted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.memberPage.map((m) => (
            <Table.Tr key={m.customerId} data-arm={m.arm}>
              <Table.Td>{m.rank}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/customers/${m.customerId}`}>
                  {m.displayName}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  {m.customerNumber}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={m.arm === 'control' ? 'gray' : 'teal'} variant="light">
                  {t(`campaigns.arms.${m.arm}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{m.assigneeName ?? '–'}</Table.Td>
              <Table.Td>{t(`worklist.channel.${m.channel}`)}</Table.Td>
              <Table.Td>{formatMoney(m.expectedNetCents, locale, 'EUR', 0)}</Table.Td>
              <Table.Td>
                <DateText date={m.contactedOn} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {c.memberTotal > c.memberPage.length && (
        <Text size="sm" c="dimmed">
          {t('campaigns.moreMembers', { shown: c.memberPage.length, total: c.memberTotal })}
        </Text>
      )}
    </Stack>
  )
}
