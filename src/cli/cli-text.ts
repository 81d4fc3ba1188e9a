/** The CLI's sentences in the --lang language (German by default): see readerTranslator. */
export { readerTranslator as cliTranslator } from '../shared/i18n/index'
