import { Card, SimpleGrid, Text } from '@mantine/core'
import { Link } from 'react-router'
import type { Dashboard } from '../../../../shared/api/dashboard'
import { formatNumber } from '../../../../shared/i18n/format'
import { lifecycleStatuses } from '../../../../shared/lifecycle'
import { useI18n } from '../../../i18n'
import { StatusBadge } from '../../../ui/StatusBadge'

export function StatusCards({ dashboard }: { dashboard: Dashboard }) {
  const { t, locale } = useI18n()
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }}>
      {lifecycleStatuses.map((status) => (
        <Card
          key={status}
          withBorder
          component={Link}
          to={`/customers?status=${status}`}
          data-testid={`status-card-${status}`}
        >
          <StatusBadge status={status} />
          <Text fz={28} fw={700} mt="xs">
            {formatNumber(dashboard.counts[status], locale)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`statusHint.${status}`)}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  )
}
