/**
 * Reads rows page by page in the order of their customer ids, each page starting after the last id
 * of the one before (keyset paging: every page is one range of the primary key, however far in).
 * For reading a value of every customer without holding a million row objects at once.
 */
export async function forEachPageByCustomer<R extends { customer_id: number }>(
  page: (afterId: number, limit: number) => Promise<R[]>,
  pageSize: number,
  each: (row: R) => void,
): Promise<void> {
  for (let afterId = 0; ; ) {
    const rows = await page(afterId, pageSize)
    for (const row of rows) each(row)
    if (rows.length < pageSize) return
    afterId = rows.at(-1)!.customer_id
  }
}
