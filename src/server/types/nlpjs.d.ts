/** The two Snowball/Porter stemmers winback uses from nlp.js (which ships no types). */
declare module '@nlpjs/lang-de' {
  export class StemmerDe {
    stemWord(word: string): string
  }
}
declare module '@nlpjs/lang-en-min' {
  export class StemmerEn {
    stemWord(word: string): string
  }
}
