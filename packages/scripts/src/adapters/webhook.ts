/**
 * Slack-compatible incoming webhook. The URL is a secret: it is never printed, logged or journaled;
 * errors name the host only.
 */

/** Result of one post; `sent: false` with `reason` when there is no webhook or it failed. */
export interface WebhookResult {
  sent: boolean;
  status?: number;
  reason?: string;
}

/** The webhook URL from the environment (`SLACK_WEBHOOK`), or undefined. */
export function webhookFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.SLACK_WEBHOOK?.trim();
  return url ? url : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}

/** POSTs `{"text": text}`; never throws, never reveals the URL beyond its host. */
export async function postWebhook(url: string, text: string, timeoutMs = 5000): Promise<WebhookResult> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.text().catch(() => '');
    if (!res.ok)
      return {
        sent: false,
        status: res.status,
        reason: `webhook at ${hostOf(url)} answered HTTP ${res.status}`,
      };
    return { sent: true, status: res.status };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why =
      e.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (e.cause?.code ?? 'request failed');
    return { sent: false, reason: `webhook at ${hostOf(url)} unreachable (${why})` };
  }
}
