import { Anchor, Box, Card, Group, Stack, Text } from '@mantine/core'
import { Link } from 'react-router'
import type { CustomerListItem } from '../../../../shared/api/customers'
import { describeRule } from '../../../../shared/i18n/describe'
import { formatNumber } from '../../../../shared/i18n/format'
import { useI18n } from '../../../i18n'
import { DateText, Money } from '../../../ui/format'
import { StatusBadge } from '../../../ui/StatusBadge'

/** The customer list on a phone: name, status and why, last purchase and what they are worth. */
export function CustomerCards({ items }: { items: CustomerListItem[] }) {
  const { t, locale } = useI18n()
  return (
    <Stack gap="xs" p="xs" data-testid="customer-cards">
      {items.map((c) => (
        <Card key={c.id} withBorder padding="sm" data-testid="customer-card">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/customers/${c.id}`} fw={600}>
                {c.displayName}
              </Anchor>
              {/* the badge keeps its width beside a long name */}
              <Box style={{ flexShrink: 0 }}>
                <StatusBadge status={c.status} size="sm" />
              </Box>
            </Group>
            <Text size="xs" c="dimmed">
              {[c.customerNumber, c.city, c.segment, c.ownerName].filter(Boolean).join(' · ')}
            </Text>
            {c.rule && <Text size="sm">{describeRule(t, c.rule, c.ruleParams ?? {}, locale)}</Text>}
            <Text size="sm">
              {t('customers.col.lastPurchase')}: <DateText date={c.lastPurchase} /> ·{' '}
              {t('customers.col.revenue12m')}: <Money cents={c.revenue12mCents} whole />
              {c.pAlive !== null &&
                ` · ${t('customers.col.pAlive')}: ${formatNumber(c.pAlive * 100, locale)} %`}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}
