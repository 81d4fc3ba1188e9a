import { useMediaQuery } from '@mantine/hooks'

/**
 * Below Mantine's `sm` breakpoint (48em, a phone held upright): lists show cards instead of tables.
 * Read at once, not after a first render, so only one of the two is ever in the page.
 */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false
}
