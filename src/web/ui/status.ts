import type { LifecycleStatus } from '../../shared/lifecycle'

/** One colour per status, the same in badges and charts. */
export const statusColor: Record<LifecycleStatus, string> = {
  prospect: 'gray',
  new: 'blue',
  active: 'green',
  at_risk: 'orange',
  sleeping: 'grape',
  lost: 'red',
  reactivated: 'teal',
}

/** Chart colours matching Mantine's palette (shade 6). */
export const statusHex: Record<LifecycleStatus, string> = {
  prospect: '#868e96',
  new: '#228be6',
  active: '#40c057',
  at_risk: '#fd7e14',
  sleeping: '#be4bdb',
  lost: '#fa5252',
  reactivated: '#12b886',
}
