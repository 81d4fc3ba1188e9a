import { Badge, Tooltip } from '@mantine/core'
import type { LifecycleStatus } from '../../shared/lifecycle'
import { useI18n } from '../i18n'
import { statusColor } from './status'

export function StatusBadge({
  status,
  size = 'md',
}: {
  status: LifecycleStatus | null
  size?: 'sm' | 'md' | 'lg'
}) {
  const { t } = useI18n()
  if (!status)
    return (
      <Badge color="gray" variant="light" size={size}>
        {t('status.none')}
      </Badge>
    )
  return (
    <Tooltip label={t(`statusHint.${status}`)} withArrow openDelay={300}>
      <Badge color={statusColor[status]} variant="light" size={size} data-status={status}>
        {t(`status.${status}`)}
      </Badge>
    </Tooltip>
  )
}
