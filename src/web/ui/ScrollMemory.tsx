import { useEffect, useLayoutEffect } from 'react'
import { useLocation, useNavigationType } from 'react-router'

/** Scroll positions by history entry, for the way back (per tab, like the history itself). */
const positions = new Map<string, number>()

/**
 * The browser's back button (and "← Zurück", which goes back) returns to the list at the place the
 * person left it; a new page opens at its top. Lists render from the query cache at once, but a
 * page may still grow for a moment: the position is restored until it can be reached, at most 1 s.
 */
export function ScrollMemory() {
  const location = useLocation()
  const navigation = useNavigationType()
  useEffect(() => {
    // the browser's own restoration would jump before the list is there
    window.history.scrollRestoration = 'manual'
  }, [])
  useEffect(() => {
    const remember = () => positions.set(location.key, window.scrollY)
    window.addEventListener('scroll', remember, { passive: true })
    return () => window.removeEventListener('scroll', remember)
  }, [location.key])
  useLayoutEffect(() => {
    if (navigation === 'REPLACE') return
    const target = navigation === 'POP' ? (positions.get(location.key) ?? 0) : 0
    const started = performance.now()
    let frame = 0
    const restore = () => {
      window.scrollTo(0, target)
      if (Math.abs(window.scrollY - target) > 1 && performance.now() - started < 1000)
        frame = requestAnimationFrame(restore)
    }
    restore()
    return () => cancelAnimationFrame(frame)
  }, [location.key, navigation])
  return null
}
