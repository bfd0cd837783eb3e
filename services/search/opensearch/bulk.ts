import { type Client, errors } from '@opensearch-project/opensearch';

/** One bulk action: index a document under its event id, or delete it. */
export type BulkAction = { op: 'index'; index: string; id: number; document: Record<string, unknown> } | { op: 'delete'; index: string; id: number };

/** Per action, in order: stored, or why not and whether trying again can help. */
export type BulkItemResult = { ok: true } | { ok: false; retryable: boolean; error: string };

export type BulkOptions = { attempts: number; backoffMs: number; sleep?: (ms: number) => Promise<void> };

/** The cluster refused the whole request (429/5xx/unreachable) after every attempt: stop and come back later. */
export class BulkRejectedError extends Error {
  readonly status: number | null;
  constructor(status: number | null, message: string) {
    super(message);
    this.name = 'BulkRejectedError';
    this.status = status;
  }
}

type BulkResponseItem = { status: number; error?: { type?: string; reason?: string } | string };
type BulkResponse = { errors: boolean; items: Record<string, BulkResponseItem>[] };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the actions as one `_bulk` request. The document id is the event id, so sending an action twice (a retry, a
 * restart after a crash between the request and the outbox commit) overwrites the same document: never a duplicate.
 * A whole-request 429/5xx or a connection failure is retried with exponential backoff; a per-item failure is returned
 * for that item only (429/5xx items retryable, mapping errors not), so one bad document never holds back the rest.
 */
export async function sendBulk(client: Client, actions: readonly BulkAction[], options: BulkOptions): Promise<BulkItemResult[]> {
  if (actions.length === 0) return [];
  const body = actions.flatMap((action) =>
    action.op === 'index'
      ? [{ index: { _index: action.index, _id: String(action.id) } }, action.document]
      : [{ delete: { _index: action.index, _id: String(action.id) } }],
  );
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await client.bulk({ body });
      return readItems(response.body as unknown as BulkResponse, actions);
    } catch (error) {
      const rejection = asRejection(error);
      if (!rejection) throw error;
      if (attempt >= options.attempts) throw rejection;
      await sleep(options.backoffMs * 2 ** (attempt - 1));
    }
  }
}

function readItems(response: BulkResponse, actions: readonly BulkAction[]): BulkItemResult[] {
  return actions.map((action, index) => {
    const item = response.items[index]?.[action.op];
    if (!item) return { ok: false, retryable: true, error: 'no result for this item in the bulk response' };
    if (item.status < 300) return { ok: true };
    if (action.op === 'delete' && item.status === 404) return { ok: true };
    const reason = typeof item.error === 'string' ? item.error : `${item.error?.type ?? 'error'}: ${item.error?.reason ?? ''}`;
    return { ok: false, retryable: item.status === 429 || item.status >= 500, error: `${item.status} ${reason}`.slice(0, 500) };
  });
}

function asRejection(error: unknown): BulkRejectedError | null {
  if (error instanceof errors.ResponseError) {
    const status = Number(error.statusCode);
    if (status === 429 || status >= 500)
      return new BulkRejectedError(status, `OpenSearch refused the bulk request (${status}): ${error.message}`.slice(0, 500));
    return null;
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError) {
    return new BulkRejectedError(null, `OpenSearch unreachable: ${error.message}`.slice(0, 500));
  }
  return null;
}
