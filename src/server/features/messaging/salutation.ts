/** What a greeting needs to know about the person written to. */
export interface Addressee {
  salutation: string | null
  firstName: string | null
  lastName: string | null
}

type Gender = 'female' | 'male' | null

const female = new Set(['frau', 'mrs', 'ms', 'miss', 'mrs.', 'ms.'])
const male = new Set(['herr', 'herrn', 'mr', 'mr.'])
/** academic titles kept as written (Dr., Prof. Dr., Dr. med.) */
const title = /^(dr\.?|prof\.?|med\.?|rer\.?|nat\.?|dipl\.?-?\w*|ing\.?|h\.c\.)$/i

/** Reads gender and titles from a salutation as imported ("Frau Dr.", "Herr Prof. Dr.", "Mr", "Firma"). */
export function parseSalutation(salutation: string | null): { gender: Gender; titles: string[] } {
  const tokens = (salutation ?? '').trim().split(/\s+/).filter(Boolean)
  let gender: Gender = null
  const titles: string[] = []
  for (const token of tokens) {
    const lower = token.toLowerCase()
    if (female.has(lower)) gender = 'female'
    else if (male.has(lower)) gender = 'male'
    else if (title.test(token)) titles.push(token.replace(/^dr$/i, 'Dr.').replace(/^prof$/i, 'Prof.'))
  }
  return { gender, titles }
}

/**
 * The opening line of a letter or e-mail, as German and English business correspondence writes it:
 * "Sehr geehrte Frau Dr. Müller," / "Sehr geehrter Herr Schulz," / "Guten Tag Alex Weber," (a name
 * without a known gender) / "Sehr geehrte Damen und Herren," (no name); informal "Hallo Anna,".
 * English: "Dear Ms Müller," / "Dear Dr Müller," / "Dear Sir or Madam,"; informal "Hi Anna,". Pure.
 */
export function greeting(person: Addressee, language: 'de' | 'en', informal = false): string {
  const first = person.firstName?.trim() || null
  const last = person.lastName?.trim() || null
  if (informal && first) return language === 'de' ? `Hallo ${first},` : `Hi ${first},`
  const { gender, titles } = parseSalutation(person.salutation)
  if (language === 'de') {
    if (last && gender === 'female') return `Sehr geehrte ${['Frau', ...titles, last].join(' ')},`
    if (last && gender === 'male') return `Sehr geehrter ${['Herr', ...titles, last].join(' ')},`
    if (last) return `Guten Tag ${[...titles, first, last].filter(Boolean).join(' ')},`
    return 'Sehr geehrte Damen und Herren,'
  }
  // English drops the full stop of Dr and uses one title only
  const englishTitle = titles.some((t) => /^prof/i.test(t)) ? 'Professor' : titles.length > 0 ? 'Dr' : null
  if (last && englishTitle) return `Dear ${englishTitle} ${last},`
  if (last && gender === 'female') return `Dear Ms ${last},`
  if (last && gender === 'male') return `Dear Mr ${last},`
  if (last) return `Dear ${[first, last].filter(Boolean).join(' ')},`
  return 'Dear Sir or Madam,'
}
