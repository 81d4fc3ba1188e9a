import {
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import type { SessionUserDto } from '../../shared/api/auth'
import { describeRule, describeSignal } from '../../shared/i18n/describe'
import { formatMonth, formatNumber } from '../../shared/i18n/format'
import { winbackStatuses } from '../../shared/winback'
import { ContractsCard } from '../features/cancellations/components/ContractsCard'
import { ReasonsCard } from '../features/churn/components/ReasonsCard'
import { ContactCard } from '../features/contact/components/ContactCard'
import { DataProtectionCard } from '../features/contact/components/DataProtectionCard'
import { useContactQuery } from '../features/contact/hooks/useContact'
import { DocumentTable } from '../features/customers/components/DocumentTable'
import { RevenueChart } from '../features/customers/components/RevenueChart'
import { ScoreCard } from '../features/customers/components/ScoreCard'
import { useCustomerQuery } from '../features/customers/hooks/useCustomerQuery'
import { WarningSignsCard } from '../features/prevention/components/WarningSignsCard'
import { AssessmentCard } from '../features/winback/components/AssessmentCard'
import { AttemptsCard } from '../features/winback/components/AttemptsCard'
import { CustomerWorkCard } from '../features/worklist/components/CustomerWorkCard'
import { TimelineCard } from '../features/worklist/components/TimelineCard'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'
import { DateText, Money } from '../ui/format'
import { StatusBadge } from '../ui/StatusBadge'

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{children}</Text>
    </div>
  )
}

export function CustomerPage({ user }: { user: SessionUserDto }) {
  const { t, locale } = useI18n()
  const id = Number(useParams().id)
  const location = useLocation()
  const navigate = useNavigate()
  const query = useCustomerQuery(id)
  const contact = useContactQuery(id)
  if (query.isPending) return <Text>{t('common.loading')}</Text>
  if (query.isError) return <ErrorAlert error={query.error} />
  const { customer: c, documents, contracts, history, score } = query.data
  const person = [c.salutation, c.firstName, c.lastName].filter(Boolean).join(' ')
  return (
    <Stack>
      <Anchor
        component={Link}
        to="/customers"
        size="sm"
        data-testid="back"
        onClick={(e) => {
          // back to the list as it was (filters, page, place); a page opened directly goes to the customers
          if (location.key !== 'default') {
            e.preventDefault()
            navigate(-1)
          }
        }}
      >
        ← {t('common.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="customer-name">
            {c.displayName}
          </Title>
          <Text c="dimmed">
            {t('customer.title', { number: c.customerNumber })} · {t(`customerType.${c.type}`)}
            {c.segment ? ` · ${c.segment}` : ''}
            {c.ownerName ? ` · ${t('customer.owner')}: ${c.ownerName}` : ''}
          </Text>
        </div>
        <Stack gap={2} align="flex-end">
          <StatusBadge status={c.status} size="lg" />
          {c.statusSince && (
            <Text size="xs" c="dimmed">
              {t('customer.since', { month: formatMonth(c.statusSince.slice(0, 7), locale) })}
            </Text>
          )}
        </Stack>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder h="100%">
            <Title order={4}>{t('customer.reason')}</Title>
            <Text mt="xs" data-testid="status-reason">
              {c.rule ? describeRule(t, c.rule, c.ruleParams ?? {}, locale) : t('status.none')}
            </Text>
            {c.subTypes.length > 0 && (
              <Group mt="sm" gap="xs">
                <Text size="sm" c="dimmed">
                  {t('customer.subTypes')}:
                </Text>
                {c.subTypes.map((s) => (
                  <Badge key={s} variant="dot">
                    {t(`subType.${s}`)}
                  </Badge>
                ))}
              </Group>
            )}
            <Title order={5} mt="md">
              {t('customer.signals')}
            </Title>
            {c.signals.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('customer.noSignals')}
              </Text>
            ) : (
              <List size="sm" data-testid="signals">
                {c.signals.map((s) => (
                  <List.Item key={s.code}>{describeSignal(t, s, locale)}</List.Item>
                ))}
              </List>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder h="100%">
            <Title order={4}>{t('customer.contact')}</Title>
            <Stack gap={2} mt="xs">
              {person && <Text>{person}</Text>}
              {c.street && <Text>{c.street}</Text>}
              {(c.postalCode || c.city) && (
                <Text>
                  {[c.postalCode, c.city].filter(Boolean).join(' ')}
                  {c.country && c.country !== 'DE' ? `, ${c.country}` : ''}
                </Text>
              )}
              {c.email && <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>}
              {c.phone && <Text>{c.phone}</Text>}
              {c.tags.length > 0 && (
                <Group gap={4} mt="xs">
                  {c.tags.map((tag) => (
                    <Badge key={tag} variant="light" color="gray" size="sm">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      {contact.data?.erasedAt == null && (
        <CustomerWorkCard
          customerId={c.id}
          customerName={c.displayName}
          ownerId={c.ownerId}
          role={user.role}
        />
      )}
      <ScoreCard score={score} status={c.status} typicalIntervalDays={c.typicalIntervalDays} />
      <ReasonsCard customerId={c.id} />
      {winbackStatuses.some((s) => s === c.status) && (
        <>
          <AssessmentCard customerId={c.id} />
          <AttemptsCard customerId={c.id} />
        </>
      )}
      <WarningSignsCard customerId={c.id} user={user} />
      <ContactCard customerId={c.id} role={user.role} />
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('customer.facts')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
          <Fact label={t('customer.firstPurchase')}>
            <DateText date={c.firstPurchase} />
          </Fact>
          <Fact label={t('customer.lastPurchase')}>
            <DateText date={c.lastPurchase} />
          </Fact>
          <Fact label={t('customer.purchases')}>{formatNumber(c.purchaseCount, locale)}</Fact>
          <Fact label={t('customer.rhythm')}>
            {c.typicalIntervalDays
              ? t('customer.rhythmValue', { days: formatNumber(c.typicalIntervalDays, locale) })
              : '–'}
          </Fact>
          <Fact label={t('customer.revenueTotal')}>
            <Money cents={c.revenueTotalCents} />
          </Fact>
          <Fact label={t('customer.revenue12m')}>
            <Money cents={c.revenue12mCents} />
          </Fact>
          <Fact label={t('customer.annualRevenue')}>
            <Money cents={c.annualRevenueCents} />
          </Fact>
        </SimpleGrid>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder>
            <Title order={4}>{t('customer.timelineChart')}</Title>
            <RevenueChart documents={documents} asOf={c.asOf} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder h="100%">
            <Title order={4} mb="sm">
              {t('customer.history')}
            </Title>
            <Timeline active={history.length - 1} bulletSize={14} lineWidth={2} data-testid="status-history">
              {[...history].reverse().map((h) => (
                <Timeline.Item key={h.month} title={<StatusBadge status={h.status} size="sm" />}>
                  <Text size="xs" c="dimmed">
                    {formatMonth(h.month, locale)}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
        </Grid.Col>
      </Grid>
      <TimelineCard customerId={c.id} />
      {contracts.length > 0 && <ContractsCard customerId={c.id} contracts={contracts} />}
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('customer.documents')}
        </Title>
        <DocumentTable documents={documents} />
      </Card>
      {user.role === 'admin' && (
        <DataProtectionCard
          customerId={c.id}
          customerNumber={c.customerNumber}
          erased={contact.data?.erasedAt != null}
        />
      )}
    </Stack>
  )
}
