export interface SettingTable {
  key: string
  /** JSON */
  value: string
  updated_at: string
  updated_by: number | null
}
