// Heavy work of a request, on the worker pool (server/work/work-pool.ts): for the
// signed-in user (admission per user), cancelled when the client goes away (the
// response closes before it was sent), and a refusal said as the API says things:
// TOO_MANY_TASKS (429) or SERVER_BUSY (503), each with Retry-After; a task that ran
// its thread out of heap is TASK_TOO_LARGE (413).
import type { Response } from 'express';
import { WorkCancelled, WorkOutOfMemory, WorkRefused } from '../work/work-pool';
import type { TaskInput, TaskKind, TaskOutput } from '../work/tasks';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { currentUser } from './roles';

/**
 * Calls `fn` with the request's owner and a signal that aborts when the client goes
 * away ('close' on the response before it finished — a request's own 'close' fires
 * as soon as its body is read); pool refusals and cancellations become API errors.
 */
export async function withRequestWork<T>(res: Response, fn: (work: { owner: string; signal: AbortSignal }) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const gone = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', gone);
  try {
    return await fn({ owner: currentUser(res).username, signal: controller.signal });
  } catch (err) {
    throw workError(err);
  } finally {
    res.off('close', gone);
  }
}

/** One task of the request on the pool. */
export function runHeavy<K extends TaskKind>(ctx: AppContext, res: Response, kind: K, input: TaskInput<K>, transfer: ArrayBuffer[] = []): Promise<TaskOutput<K>> {
  return withRequestWork(res, (work) => ctx.work.run(kind, input, { ...work, transfer }));
}

/** A pool refusal, a task out of heap or a cancellation as the API's error; anything else unchanged. */
export function workError(err: unknown): unknown {
  if (err instanceof WorkRefused) {
    const retryAfter = String(err.retryAfterSeconds);
    if (err.reason === 'user') {
      return new HttpError(
        'TOO_MANY_TASKS',
        { zh: `您已有 ${err.limit} 项较重的处理（规则检查、文件检查、批次评审等）正在进行或排队，请在它们完成后再试`, en: `You already have ${err.limit} heavy request(s) (rule checks, file checks, runs…) running or waiting; try again when they finish` },
        { limit: err.limit, retryAfterSeconds: err.retryAfterSeconds },
        { 'Retry-After': retryAfter },
      );
    }
    return new HttpError(
      'SERVER_BUSY',
      { zh: `服务器正忙（排队的处理已达 ${err.limit} 项），请稍后再试`, en: `The server is busy (${err.limit} heavy requests waiting); try again shortly` },
      { limit: err.limit, retryAfterSeconds: err.retryAfterSeconds },
      { 'Retry-After': retryAfter },
    );
  }
  if (err instanceof WorkOutOfMemory) {
    return new HttpError(
      'TASK_TOO_LARGE',
      { zh: `这项处理所需内存超过了工作线程的上限（${err.limitMb} MB），已停止，其他处理不受影响；请缩小文件或规则集后重试`, en: `This request needed more memory than a work thread has (${err.limitMb} MB) and was stopped; nothing else was affected. Make the file or ruleset smaller and try again` },
      { limit: 'maxHeapMb', max: err.limitMb },
    );
  }
  if (err instanceof WorkCancelled) return new HttpError('CLIENT_CLOSED', { zh: '客户端已断开，处理已取消', en: 'The client went away; the work was cancelled' });
  return err;
}
