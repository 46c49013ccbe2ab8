/**
 * A worker started on first use and kept while requests come. Each request is posted with an id of
 * its own and settled by the reply that carries it; idle for `keepMs` after the last answer, the
 * worker ends (and with it whatever it held). If it fails, everything waiting fails with its error,
 * and the next request starts a new one.
 */
export type WorkerReply =
  | { readonly id: number; readonly ok: true }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** A message about a request still under way (how far it is): it settles nothing. */
export interface WorkerProgress {
  readonly id: number;
  readonly progress: unknown;
}

export interface KeptWorker<Reply extends WorkerReply> {
  /**
   * Posts the message made for a fresh id; resolves with the reply to it, rejects with the error it
   * carries. Throws, waiting for nothing, when the message cannot be posted (it cannot be copied).
   */
  request(
    message: (id: number) => unknown,
    onProgress?: (progress: unknown) => void,
  ): Promise<Extract<Reply, { ok: true }>>;
  /** Posts a message that gets no reply (a warm-up), starting the worker if need be. */
  post(message: unknown): void;
}

export function keptWorker<Reply extends WorkerReply>(
  start: () => Worker,
  {
    keepMs,
    failure,
    onEnd,
  }: {
    readonly keepMs: number;
    /** The error's message when the worker fails without one. */
    readonly failure: string;
    /** Called when the worker ends, idle or failed. */
    readonly onEnd?: () => void;
  },
): KeptWorker<Reply> {
  type Ok = Extract<Reply, { ok: true }>;
  let worker: Worker | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    {
      resolve: (r: Ok) => void;
      reject: (e: Error) => void;
      onProgress?: ((progress: unknown) => void) | undefined;
    }
  >();

  const stop = () => {
    worker?.terminate();
    worker = null;
    clearTimeout(idleTimer);
    onEnd?.();
  };
  const idle = () => {
    if (pending.size > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(stop, keepMs);
  };
  const started = (): Worker => {
    if (worker) return worker;
    const w = start();
    w.onmessage = (e: MessageEvent<Reply | WorkerProgress>) => {
      const reply = e.data;
      if ('progress' in reply) {
        pending.get(reply.id)?.onProgress?.(reply.progress);
        return;
      }
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (waiting) {
        if (reply.ok) waiting.resolve(reply as Ok);
        else waiting.reject(new Error(reply.error));
      }
      idle();
    };
    w.onerror = (e) => {
      stop();
      const error = new Error(e.message || failure);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    };
    worker = w;
    return w;
  };

  return {
    request(message, onProgress) {
      const w = started();
      clearTimeout(idleTimer);
      const id = nextId++;
      const result = new Promise<Ok>((resolve, reject) =>
        pending.set(id, { resolve, reject, onProgress }),
      );
      try {
        w.postMessage(message(id));
      } catch (e) {
        pending.delete(id);
        idle();
        throw e;
      }
      return result;
    },
    post(message) {
      started().postMessage(message);
      idle();
    },
  };
}
