/**
 * Slack-compatible incoming webhook. The URL is a secret: it is never printed, logged or journaled;
 * errors name the host only.
 */
import { describeRedirect, failureOf } from './_fetch.ts';
import { type HttpAnswer, httpSend } from './_http-request.ts';
import { requestDeadline } from './time.ts';

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

export interface PostOptions {
  /** Default 5 s. */
  timeoutMs?: number;
  /** The run's signal: aborting it stops the wait with E_INTERRUPTED (exit 130). */
  signal?: AbortSignal;
}

/**
 * POSTs `{"text": text}`. Sent means a 2xx from the configured URL itself: a redirect is never followed
 * (a 307 would repost the incident to another host, a 302 turn into an empty GET there). Never throws for a
 * failed post, never reveals the URL beyond its host and a redirect's target origin.
 */
export async function postWebhook(
  url: string,
  text: string,
  options: PostOptions = {},
): Promise<WebhookResult> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const host = hostOf(url);
  const deadline = requestDeadline(timeoutMs, options.signal);
  try {
    let res: HttpAnswer;
    try {
      res = await httpSend(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: deadline.signal,
      });
    } catch (err) {
      const why = failureOf(err, timeoutMs, 's', options.signal);
      return { sent: false, reason: `webhook at ${host} unreachable (${why})` };
    }
    const redirect = describeRedirect(res, url);
    if (redirect) res.discard();
    else await res.text().catch(() => '');
    if (redirect) return { sent: false, status: res.status, reason: `webhook at ${host} ${redirect}` };
    if (!res.ok)
      return { sent: false, status: res.status, reason: `webhook at ${host} answered HTTP ${res.status}` };
    return { sent: true, status: res.status };
  } finally {
    deadline.done();
  }
}
