/** The lower-cased text the customer list searches in (lower-cased here, as SQLite's lower() knows ASCII only). */
export function searchTextOf(c: {
  customer_number: string
  company_name: string | null
  first_name: string | null
  last_name: string | null
  email: string | null
  city: string | null
  postal_code: string | null
}): string {
  return [c.customer_number, c.company_name, c.first_name, c.last_name, c.email, c.postal_code, c.city]
    .filter((v) => v)
    .join(' ')
    .toLowerCase()
}
