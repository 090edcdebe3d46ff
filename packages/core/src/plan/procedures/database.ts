import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];
type Step = Procedure['steps'][number];

const step = (s: Step): Step => s;

export const dbRestore: Procedure = {
  id: 'db-restore',
  kind: 'database',
  title: {
    fr: 'Rollback base de données : restauration depuis backup',
    en: 'Database rollback: restore from backup',
  },
  whenToUse: {
    fr: 'Des données sont corrompues ou une migration a cassé le schéma : revenir au dernier backup sain.',
    en: 'Data is corrupted or a migration broke the schema: go back to the last good backup.',
  },
  targetDuration: { min: '5m', max: '30m' },
  preconditions: [
    {
      fr: 'Un backup au format custom (pg_dump -Fc) valide',
      en: 'A valid custom-format backup (pg_dump -Fc)',
    },
    { fr: 'Le DBA est prévenu', en: 'The DBA is told' },
    { fr: 'Assez d’espace disque pour une copie de sécurité', en: 'Enough disk space for a safety copy' },
  ],
  runbook: './runbook db-rollback --backup 20240115-14',
  dataLossWindow: {
    fr: 'Les écritures postérieures à l’heure du backup n’existeront plus que dans la copie de sécurité.',
    en: 'Writes made after the backup time will exist only in the safety snapshot.',
  },
  steps: [
    step({
      id: 'preflight',
      title: { fr: 'Vérifications préalables', en: 'Preflight' },
      explanation: {
        fr: 'Le backup existe et se lit (pg_restore --list), la base répond. Rien n’est modifié.',
        en: 'The backup exists and reads (pg_restore --list), the database answers. Nothing is changed.',
      },
      runbook: './runbook db-rollback --backup 20240115-14 --dry-run',
      commands: [
        { lang: 'bash', code: 'pg_restore --list /backups/marketplace_20240115-14.dump > /dev/null' },
        {
          lang: 'bash',
          code: 'psql -h postgres.topsteel.com -U topsteel_prod -d topsteel_marketplace -c "SELECT 1"',
        },
      ],
      destructive: false,
      expected: {
        fr: 'La liste du dump s’affiche ; SELECT 1 répond.',
        en: 'The dump lists; SELECT 1 answers.',
      },
      verify: { fr: 'Code de sortie 0 pour les deux.', en: 'Exit code 0 for both.' },
    }),
    step({
      id: 'stop-writers',
      title: { fr: 'Arrêter les applications', en: 'Stop the applications' },
      explanation: {
        fr: 'Noter le nombre de répliques de l’API (au lieu de supposer 3), puis le mettre à 0 et attendre qu’il ne reste aucun pod.',
        en: 'Record the API’s replica count (instead of assuming 3), scale it to 0 and wait until no pod remains.',
      },
      runbook: './runbook db-rollback --backup 20240115-14',
      commands: [
        {
          lang: 'bash',
          code: "REPLICAS=$(kubectl get deployment marketplace-api -n topsteel-marketplace -o jsonpath='{.spec.replicas}')",
        },
        {
          lang: 'bash',
          code: 'kubectl scale deployment marketplace-api --replicas=0 -n topsteel-marketplace',
        },
        {
          lang: 'bash',
          code: 'kubectl wait --for=delete pod -l app=marketplace-api,version=green -n topsteel-marketplace --timeout=120s',
        },
      ],
      destructive: true,
      expected: { fr: 'Aucun pod API.', en: 'No API pod.' },
      verify: {
        fr: 'kubectl get pods -l app=marketplace-api est vide.',
        en: 'kubectl get pods -l app=marketplace-api is empty.',
      },
    }),
    step({
      id: 'safety-snapshot',
      title: { fr: 'Copie de sécurité', en: 'Safety snapshot' },
      explanation: {
        fr: 'Le plan restaure par-dessus la production sans copie. On prend d’abord un pg_dump de la base actuelle (compression 1 : l’API est arrêtée pendant ce temps), vérifié par pg_restore --list puis une lecture complète : sans copie, pas de restauration. Son chemin est noté dans le journal.',
        en: 'The plan restores over production with no copy. First take a pg_dump of the current database (compression level 1: the API is down meanwhile), verified with pg_restore --list and a full read: no snapshot, no restore. Its path goes into the journal.',
      },
      runbook: './runbook db-rollback --backup 20240115-14',
      commands: [
        {
          lang: 'bash',
          code: 'pg_dump -Fc -Z 1 -h postgres.topsteel.com -U topsteel_prod -d topsteel_marketplace -f /backups/topsteel_marketplace_safety_$(date -u +%Y%m%d%H%M%S).dump',
        },
        {
          lang: 'bash',
          code: 'pg_restore --list /backups/topsteel_marketplace_safety_*.dump > /dev/null && pg_restore -f /dev/null /backups/topsteel_marketplace_safety_*.dump',
        },
      ],
      destructive: false,
      expected: { fr: 'Un fichier de copie lisible.', en: 'A readable snapshot file.' },
      verify: {
        fr: 'pg_restore --list et la lecture complète réussissent.',
        en: 'pg_restore --list and the full read succeed.',
      },
    }),
    step({
      id: 'restore',
      title: { fr: 'Restaurer dans une nouvelle base', en: 'Restore into a new database' },
      explanation: {
        fr: 'Restaurer dans une base neuve (même encodage, collation, paramètres et droits que l’actuelle), vérifier que chaque table du dump y est, puis échanger les noms en une seule transaction depuis la base de maintenance postgres, après avoir coupé les autres connexions. L’ancienne base est gardée sous <nom>_before_rollback_<horodatage>. Si quoi que ce soit échoue avant l’échange, la base neuve est supprimée et la base actuelle reste intacte et en service.',
        en: 'Restore into a fresh database (same encoding, collation, settings and grants as the current one), check every table of the dump is there, then swap names in one transaction from the postgres maintenance database, after ending other connections. The old database is kept as <name>_before_rollback_<timestamp>. Whatever fails before the swap, the fresh database is dropped and the current one stays intact and in use.',
      },
      runbook: './runbook db-rollback --backup 20240115-14',
      commands: [
        {
          lang: 'bash',
          code: 'createdb -h postgres.topsteel.com -U topsteel_prod -T template0 topsteel_marketplace_restore_20240115150000',
        },
        {
          lang: 'bash',
          code: 'pg_restore -h postgres.topsteel.com -U topsteel_prod -d topsteel_marketplace_restore_20240115150000 --no-owner --exit-on-error /backups/marketplace_20240115-14.dump',
        },
        {
          lang: 'sql',
          code: "-- psql -d postgres\nBEGIN;\nSELECT pg_terminate_backend(pid) FROM pg_stat_activity\n WHERE datname IN ('topsteel_marketplace', 'topsteel_marketplace_restore_20240115150000') AND pid <> pg_backend_pid();\nALTER DATABASE topsteel_marketplace RENAME TO topsteel_marketplace_before_rollback_20240115150000;\nALTER DATABASE topsteel_marketplace_restore_20240115150000 RENAME TO topsteel_marketplace;\nCOMMIT;",
        },
      ],
      destructive: true,
      expected: {
        fr: 'La base restaurée porte le nom de production ; l’ancienne est conservée.',
        en: 'The restored database carries the production name; the old one is kept.',
      },
      verify: {
        fr: 'Nombre de lignes par table comparé au dump.',
        en: 'Row counts per table compared with the dump.',
      },
    }),
    step({
      id: 'revert-migrations',
      title: {
        fr: 'Exécuter les migrations inverses si nécessaire',
        en: 'Run the reverse migrations if needed',
      },
      explanation: {
        fr: 'Lancer la commande de revert avec l’image stable, comme Job Kubernetes non interactif (le plan utilise -it, impossible à automatiser) : un Job par migration, sans nouvelle tentative (backoffLimit 0, sinon une migration de plus serait annulée), avec l’environnement du conteneur de l’API. Après chaque Job, la table migrations doit avoir perdu exactement la migration attendue.',
        en: 'Run the revert command with the stable image, as a non-interactive Kubernetes Job (the plan uses -it, which cannot be automated): one Job per migration, never retried (backoffLimit 0, or one more migration would be reverted), with the API container’s environment. After each Job, the migrations table must have lost exactly the expected migration.',
      },
      runbook: './runbook db-rollback --backup 20240115-14 --revert-migrations 1',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl create job migration-rollback --image=ghcr.io/topsteel/marketplace-api:stable -n topsteel-marketplace -- npm run migration:revert',
        },
        {
          lang: 'bash',
          code: 'kubectl wait --for=condition=complete job/migration-rollback -n topsteel-marketplace --timeout=300s',
        },
      ],
      destructive: true,
      expected: { fr: 'Le Job se termine avec succès.', en: 'The Job completes.' },
      verify: {
        fr: 'La table migrations a perdu les entrées annulées.',
        en: 'The migrations table lost the reverted entries.',
      },
    }),
    step({
      id: 'restart',
      title: { fr: 'Redémarrer les applications', en: 'Restart the applications' },
      explanation: {
        fr: 'Remettre l’API au nombre de répliques noté (et non 3 en dur) et attendre qu’elles soient prêtes.',
        en: 'Scale the API back to the recorded count (not a hard-coded 3) and wait for readiness.',
      },
      runbook: './runbook db-rollback --backup 20240115-14',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl scale deployment marketplace-api --replicas=$REPLICAS -n topsteel-marketplace',
        },
        { lang: 'bash', code: 'kubectl rollout status deployment/marketplace-api -n topsteel-marketplace' },
      ],
      destructive: false,
      expected: { fr: 'Toutes les répliques prêtes.', en: 'All replicas Ready.' },
      verify: { fr: './runbook verify passe.', en: './runbook verify passes.' },
    }),
  ],
};

export const migrationRollback: Procedure = {
  id: 'migration-rollback',
  kind: 'database',
  title: { fr: 'Rollback des migrations', en: 'Migration rollback' },
  whenToUse: {
    fr: 'Seule la dernière migration pose problème : l’annuler sans restaurer toute la base.',
    en: 'Only the latest migration is at fault: undo it without restoring the whole database.',
  },
  targetDuration: { min: '1m', max: '10m' },
  preconditions: [{ fr: 'Le SQL inverse est relu par le DBA', en: 'The reverse SQL is reviewed by the DBA' }],
  runbook: './runbook db-rollback --sql-file revert.sql',
  steps: [
    step({
      id: 'list-migrations',
      title: { fr: 'Identifier la dernière migration', en: 'Identify the latest migration' },
      explanation: {
        fr: 'Lister les migrations appliquées, les plus récentes en premier.',
        en: 'List the applied migrations, newest first.',
      },
      runbook: './runbook db-rollback --sql-file revert.sql --dry-run',
      commands: [{ lang: 'sql', code: 'SELECT * FROM migrations ORDER BY timestamp DESC LIMIT 5;' }],
      destructive: false,
      expected: { fr: 'La migration fautive est en tête.', en: 'The faulty migration is on top.' },
      verify: { fr: 'Son nom correspond au déploiement fautif.', en: 'Its name matches the faulty release.' },
    }),
    step({
      id: 'apply-revert-sql',
      title: { fr: 'Exécuter le rollback manuel', en: 'Run the manual rollback' },
      explanation: {
        fr: 'Appliquer le SQL inverse en une seule transaction : tout ou rien. Avant le COMMIT, la table migrations est comparée à ce qu’attend l’image en service ; en cas d’écart, tout est annulé (sauf --force).',
        en: 'Apply the reverse SQL in one transaction: all or nothing. Before COMMIT, the migrations table is checked against what the running image expects; on a mismatch everything is rolled back (unless --force).',
      },
      runbook: './runbook db-rollback --sql-file revert.sql',
      commands: [
        {
          lang: 'sql',
          // The plan's `-- Ex:` lines: the real statements undo whatever the faulty migration did.
          code: 'BEGIN;\nDROP TABLE IF EXISTS <new_table>;\nALTER TABLE <table> DROP COLUMN <new_column>;\nCOMMIT;',
          example: true,
        },
      ],
      destructive: true,
      expected: { fr: 'COMMIT sans erreur.', en: 'COMMIT without error.' },
      verify: {
        fr: 'Le schéma correspond à la version stable.',
        en: 'The schema matches the stable version.',
      },
    }),
  ],
};
