/** A customers row with only its number: what a database test needs to hang other rows on. */
export function customerRow(number: string, now = '2026-12-05T10:00:00Z') {
  return {
    customer_number: number,
    type: 'unknown' as const,
    tags: '[]',
    is_project_customer: 0,
    search_text: '',
    source: 'test',
    created_at: now,
    updated_at: now,
  }
}
