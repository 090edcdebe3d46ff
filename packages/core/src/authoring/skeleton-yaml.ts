/** The skeleton as commented YAML: the schema line for editors first, then TODO comments where a person decides. */
import { Document, isMap, isScalar, Scalar, visit } from 'yaml';
import { JSON_SCHEMA_FILE, yamlSchemaComment } from '../json-schema.ts';
import { runbookSkeleton, type SkeletonOptions } from './skeleton.ts';

type Path = (string | number)[];

/** `# text` before the key at `path` (its last element is the key). */
function commentKey(doc: Document, path: Path, text: string): void {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) throw new Error(`skeleton: no map at ${path.slice(0, -1).join('.')}`);
  const key = path.at(-1);
  const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  if (!pair) throw new Error(`skeleton: no key ${path.join('.')}`);
  const node = isScalar(pair.key) ? pair.key : new Scalar(pair.key);
  node.commentBefore = ` ${text}`;
  pair.key = node;
}

/** Scalars only, no line breaks, and little text in all. */
function short(nodes: unknown[]): boolean {
  let length = 0;
  for (const n of nodes) {
    if (!isScalar(n) || String(n.value).includes('\n')) return false;
    length += String(n.value).length;
  }
  return length <= 60;
}

/** Where a person must decide, with what to decide. */
function todos(o: SkeletonOptions): [Path, string][] {
  const apps = o.apps.flatMap((_, i): [Path, string][] => [
    [['meta', 'apps', i, 'image'], 'TODO: the image repository, without tag'],
    [
      ['meta', 'apps', i, 'port'],
      'TODO: the port the container listens on; the service forwards port 80 to it',
    ],
    [
      ['meta', 'apps', i, 'criticalPath'],
      'TODO: requests verify sends after a rollback, e.g. - { name: product list, path: /products }',
    ],
  ]);
  return [
    [['meta', 'languages'], 'The languages every text below is written in; the first is the default output.'],
    [['meta', 'namespace'], 'Every command targets this namespace; check refuses commands aimed at another.'],
    [['meta', 'docsUrl'], 'TODO: where the docs site (pnpm build) is published'],
    [['meta', 'stableVersion'], 'TODO: the last release known to be good, the default of rollback version'],
    [['meta', 'apps'], 'One entry per app deployed blue (previous release) and green (current release).'],
    ...apps,
    [
      ['meta', 'environments', 'production', 'kubeContext'],
      'TODO: the kube context of production (null: the current one)',
    ],
    [
      ['meta', 'environments', 'production', 'prometheusUrl'],
      'TODO: the Prometheus decide reads (null: none)',
    ],
    [
      ['meta', 'environments', 'production', 'database'],
      'TODO: { host, port, user, name } of the database, or null',
    ],
    [
      ['meta', 'backups'],
      'TODO: where the database dumps are, and their file names ({stamp} is YYYYMMDD-HH)',
    ],
    [['meta', 'criticalTests'], 'TODO: the critical-path test command verify runs, as an argv array'],
    [['criteria'], 'When to roll back. TODO: the thresholds your service commits to.'],
    [['contacts'], 'TODO: the people to call; check --strict fails until every phone is real.'],
    [['templates'], 'emergency, notify, postmortem and the drill use these three ids; keep them.'],
  ];
}

/** The YAML `runbook init` writes; `schemaPath` is where the JSON Schema is, relative to the file. */
export function skeletonYaml(o: SkeletonOptions, schemaPath = `./${JSON_SCHEMA_FILE}`): string {
  const doc = new Document(runbookSkeleton(o));
  const translate = o.languages.filter((l) => l !== 'en');
  doc.commentBefore = [
    yamlSchemaComment(schemaPath).slice(1),
    ` A runbook written by 'runbook init'. Check it: ./runbook check --strict --runbook FILE`,
    ` Rehearse it: ./runbook drill --runbook FILE. Lines marked TODO need a person's decision.`,
    ...(translate.length
      ? [` TODO: the texts are in English; translate them into ${translate.join(', ')}.`]
      : []),
  ].join('\n');
  for (const [path, text] of todos(o)) commentKey(doc, path, text);
  // `{ en: Status }` and `[en, fr]` on one line: short texts read better inline, long ones stay blocks.
  visit(doc, {
    Map(_, node) {
      const commented = node.items.some((p) => isScalar(p.key) && p.key.commentBefore);
      if (node.items.length && !commented) node.flow = short(node.items.map((p) => p.value));
    },
    Seq(_, node) {
      if (node.items.length) node.flow = short(node.items);
    },
  });
  return doc.toString({ lineWidth: 0 });
}
