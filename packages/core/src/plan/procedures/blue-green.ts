import type { RunbookInput } from '../../schemas/index.ts';

type Procedure = RunbookInput['procedures'][number];

export const blueGreen: Procedure = {
  id: 'blue-green',
  kind: 'rollback',
  title: { fr: 'Option 1 : rollback blue-green', en: 'Option 1: blue-green rollback' },
  whenToUse: {
    fr: 'Recommandé. La version précédente (blue) tourne encore : basculer le trafic vers elle en 30 secondes.',
    en: 'Recommended. The previous version (blue) still runs: switch the traffic to it in 30 seconds.',
  },
  targetDuration: { min: '5s', max: '30s' },
  recommended: true,
  preconditions: [
    {
      fr: 'Les déploiements blue existent et toutes leurs répliques sont prêtes',
      en: 'The blue deployments exist and all their replicas are Ready',
    },
    { fr: 'Blue porte la version stable connue', en: 'Blue runs the known stable version' },
  ],
  runbook: './runbook rollback blue-green --to blue',
  steps: [
    {
      id: 'check-blue-ready',
      title: { fr: 'Vérifier que blue est prêt', en: 'Check that blue is ready' },
      explanation: {
        fr: 'Le script du plan bascule sans vérifier : si blue n’est pas prêt, le trafic part dans le vide. On refuse la bascule tant que toutes les répliques blue ne sont pas prêtes.',
        en: 'The plan’s script switches without checking: if blue is not ready, traffic goes nowhere. The switch is refused until every blue replica is Ready.',
      },
      runbook: './runbook rollback blue-green --to blue --dry-run',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl get deployment marketplace-api-blue marketplace-web-blue -n topsteel-marketplace',
        },
        {
          lang: 'bash',
          code: 'kubectl rollout status deployment/marketplace-api-blue -n topsteel-marketplace --timeout=10s',
        },
        {
          lang: 'bash',
          code: 'kubectl rollout status deployment/marketplace-web-blue -n topsteel-marketplace --timeout=10s',
        },
      ],
      destructive: false,
      expected: {
        fr: 'READY égal au nombre de répliques voulu.',
        en: 'READY equals the desired replica count.',
      },
      verify: {
        fr: 'Les deux rollout status répondent « successfully rolled out ».',
        en: 'Both rollout status answer “successfully rolled out”.',
      },
    },
    {
      id: 'record-selectors',
      title: { fr: 'Noter les sélecteurs actuels', en: 'Record the current selectors' },
      explanation: {
        fr: 'Garder les sélecteurs d’origine pour pouvoir revenir en arrière si une des deux bascules échoue.',
        en: 'Keep the original selectors so that the switch can be undone if one of the two patches fails.',
      },
      runbook: './runbook capture-state',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl get service marketplace-api-service marketplace-web-service -n topsteel-marketplace -o jsonpath=\'{range .items[*]}{.metadata.name}{" "}{.spec.selector}{"\\n"}{end}\'',
        },
      ],
      destructive: false,
      expected: {
        fr: 'Les deux services sélectionnent version=green.',
        en: 'Both services select version=green.',
      },
      verify: {
        fr: 'Les sélecteurs sont écrits dans le journal.',
        en: 'The selectors are written to the journal.',
      },
    },
    {
      id: 'switch-traffic',
      title: { fr: 'Basculer le trafic vers blue', en: 'Switch the traffic to blue' },
      explanation: {
        fr: 'Les deux services sont modifiés ensemble ; si l’un échoue, l’autre est remis comme avant, pour que le trafic ne soit jamais à moitié basculé.',
        en: 'Both services are patched together; if one fails, the other is put back, so that traffic is never half switched.',
      },
      runbook: './runbook rollback blue-green --to blue',
      commands: [
        {
          lang: 'bash',
          code: 'kubectl patch service marketplace-api-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\'',
        },
        {
          lang: 'bash',
          code: 'kubectl patch service marketplace-web-service -n topsteel-marketplace -p \'{"spec":{"selector":{"version":"blue"}}}\'',
        },
      ],
      destructive: true,
      expected: {
        fr: 'Les deux services sélectionnent version=blue.',
        en: 'Both services select version=blue.',
      },
      verify: {
        fr: 'kubectl describe service montre Selector: …version=blue.',
        en: 'kubectl describe service shows Selector: …version=blue.',
      },
    },
    {
      id: 'wait-endpoints',
      title: { fr: 'Attendre les endpoints blue', en: 'Wait for the blue endpoints' },
      explanation: {
        fr: 'Au lieu du « sleep 5 » du plan, interroger jusqu’à ce que les endpoints ne contiennent que des pods blue, dans la limite de 30 secondes.',
        en: 'Instead of the plan’s “sleep 5”, poll until the endpoints hold only blue pods, within 30 seconds.',
      },
      runbook: './runbook rollback blue-green --to blue',
      commands: [{ lang: 'bash', code: 'kubectl get endpoints -n topsteel-marketplace' }],
      destructive: false,
      expected: {
        fr: 'Chaque service n’a que des adresses de pods blue.',
        en: 'Each service has only blue pod addresses.',
      },
      verify: {
        fr: 'Les adresses correspondent aux pods de marketplace-*-blue.',
        en: 'The addresses match the pods of marketplace-*-blue.',
      },
    },
    {
      id: 'check-health',
      title: { fr: 'Vérifier la santé', en: 'Check health' },
      explanation: {
        fr: 'Les URL de santé doivent répondre ; un échec arrête la procédure avec un code de sortie non nul, au lieu d’un simple avertissement.',
        en: 'The health URLs must answer; a failure stops the procedure with a non-zero exit code, not a mere warning.',
      },
      runbook: './runbook verify',
      commands: [
        { lang: 'bash', code: 'curl -fsS https://api.topsteel.com/health' },
        { lang: 'bash', code: 'curl -fsS https://marketplace.topsteel.com' },
      ],
      destructive: false,
      expected: { fr: 'HTTP 200 des deux URL.', en: 'HTTP 200 from both URLs.' },
      verify: {
        fr: 'La version rapportée par /health est celle de blue.',
        en: 'The version /health reports is blue’s.',
      },
    },
  ],
};
