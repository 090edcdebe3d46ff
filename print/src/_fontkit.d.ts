// fontkit ships no types; pdfkit only needs an object with `layout`, which it accepts as a font source.
declare module 'fontkit' {
  export interface Font {
    layout(text: string, features?: unknown): unknown;
  }
  export function openSync(path: string): Font;
}
