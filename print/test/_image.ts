import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A rectangle on a page, in points from the top left (pdftoppm at 72 dpi: 1 pixel = 1 point). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Grey levels (0 black … 255 white) of a box of one page (1-based). */
export function pixels(file: string, page: number, box: Box): Uint8Array {
  const out = `${file}-p${page}-${Math.round(box.x)}-${Math.round(box.y)}`;
  execFileSync('pdftoppm', [
    ...['-gray', '-r', '72', '-f', String(page), '-l', String(page), '-singlefile'],
    ...['-x', String(Math.floor(box.x)), '-y', String(Math.floor(box.y))],
    ...['-W', String(Math.ceil(box.w)), '-H', String(Math.ceil(box.h))],
    file,
    out,
  ]);
  const pgm = readFileSync(`${out}.pgm`);
  // P5 header: magic, width, height, max value, each followed by one whitespace byte.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  return new Uint8Array(pgm.subarray(header[0].length));
}

/** Share of dark pixels (a black fill) in a box. */
export function darkShare(file: string, page: number, box: Box): number {
  const px = pixels(file, page, box);
  return px.filter((v) => v < 96).length / px.length;
}

/** The darkest pixel in a box: text printed in black reaches near 0, text in grey does not. */
export function darkest(file: string, page: number, box: Box): number {
  return Math.min(...pixels(file, page, box));
}

export interface Word extends Box {
  text: string;
}

/** Every word of a page with its box, from `pdftotext -bbox`. */
export function words(file: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const found: Word[] = [];
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    found.push({ x: x0, y: y0, w: x1 - x0, h: y1 - y0, text: decode(m[5]!) });
  }
  return found;
}

function decode(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}
