import { type IsoDate, toEpochDay } from '../../lib/dates'

export interface ContractFacts {
  startedOn: IsoDate
  endsOn: IsoDate | null
  cancelledOn: IsoDate | null
}

export interface ContractState {
  hasContracts: boolean
  active: boolean
  /** every contract that had started has ended; the day the last one ended */
  endedDay: number | null
  cancelled: { cancelledOn: IsoDate; endsOn: IsoDate | null } | null
}

export function contractStateAt(contracts: readonly ContractFacts[], day: number): ContractState {
  let started = 0
  let active = false
  let endedDay: number | null = null
  let cancelled: ContractState['cancelled'] = null
  for (const c of contracts) {
    if (toEpochDay(c.startedOn) > day) continue
    started++
    const end = c.endsOn ? toEpochDay(c.endsOn) : null
    const running = end === null || end >= day
    if (running) {
      active = true
      if (c.cancelledOn && toEpochDay(c.cancelledOn) <= day)
        cancelled = { cancelledOn: c.cancelledOn, endsOn: c.endsOn }
    } else if (end !== null && (endedDay === null || end > endedDay)) endedDay = end
  }
  return { hasContracts: started > 0, active, endedDay: active ? null : endedDay, cancelled }
}
