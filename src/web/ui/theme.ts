import { type CSSVariablesResolver, createTheme, darken } from '@mantine/core'

/**
 * The app's look, made to meet WCAG 2.1 AA contrast (4.5:1 for text; checked by axe-core in
 * e2e/accessibility.spec.ts): filled colours at their darkest shade (teal 9 carries white text at
 * 5:1), black or white text on filled badges and buttons as their colour needs, coloured text and
 * light and outline badges darker than Mantine's shade 9, and grey hints and placeholders dark enough to read.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 8 },
  autoContrast: true,
  defaultRadius: 'md',
})

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5f676e',
    '--mantine-color-placeholder': '#6c757d',
    // coloured text (c="orange"), light and outline badges: shade 9 darkened reads on white and on
    // the colour's own light background (orange 9 alone: 4.3:1, yellow 9: 3:1)
    ...Object.fromEntries(
      Object.entries(t.colors).flatMap(([name, shades]) => {
        const text = darken(shades[9], 0.35)
        return [
          [`--mantine-color-${name}-light-color`, text],
          [`--mantine-color-${name}-text`, text],
          [`--mantine-color-${name}-outline`, text],
        ]
      }),
    ),
  },
  dark: {},
})
