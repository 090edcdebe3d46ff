// Plain JS, not TS: Starlight's expressive-code entry drags its own unbuilt .ts sources into the root typecheck.
import { definePlugin, ExpressiveCodeAnnotation } from '@astrojs/starlight/expressive-code';
import { h } from '@astrojs/starlight/expressive-code/hast';

/** Characters around which Chromium breaks a wrapped line inside a word (`-`, `?`, `}{`, `|`…): such a word is kept whole. */
const BREAKABLE = /[-?!%|{}()[\]]/;

class KeepWhole extends ExpressiveCodeAnnotation {
  render({ nodesToTransform }) {
    // An undefined custom element (inline, like a span): half the bytes of `<span class=…>` on every such word,
    // which matters on the heaviest page (150 KB budget).
    return nodesToTransform.map((node) => h('r-w', node));
  }
}

/**
 * Wrapped commands break only between words: `--to` never ends a line as `-` with `-to blue` on the next, nor a
 * printout cut `--timeout` mid-word. Each word holding one is wrapped in
 * an element that CSS keeps whole (`display: inline-block`), unless it is longer than the line on its own.
 */
export function keepWordsWhole() {
  return definePlugin({
    name: 'runbook: keep words whole',
    hooks: {
      postprocessAnalyzedCode: ({ codeBlock }) => {
        for (const line of codeBlock.getLines()) {
          for (const m of line.text.matchAll(/\S+/g)) {
            if (!BREAKABLE.test(m[0])) continue;
            line.addAnnotation(
              new KeepWhole({ inlineRange: { columnStart: m.index, columnEnd: m.index + m[0].length } }),
            );
          }
        }
      },
    },
  });
}
