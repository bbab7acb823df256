// /sessions: review sessions (评审会) created from a completed batch run. The run's
// ruleset gives the series and level; its applicants recommended within their
// unit's quota are the candidates, with a snapshot of the quota rows
// (server/committee/session-setup.ts). Administrators organise every series,
// committee members their own; auditors read.
//
// One session per run: a second one would put the same applicants before a
// committee twice (INVALID_TRANSITION naming the existing session).
import { Router, type Response } from 'express';
import { sessionFromRun, type CommitteeKind } from '../committee/session-setup';
import type { ReviewSession, RunRecord } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { created, date, list, nullable, object, ok, sha256, time } from './openapi-responses';
import { allow, authenticate, currentUser, requireSeries } from './roles';
import { validate, type Schema } from './validate-request';

export const sessionIdParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^session-[0-9]{4,}$' } } };
const createBody: Schema = {
  type: 'object',
  required: ['runId'],
  additionalProperties: false,
  properties: {
    runId: { type: 'string', pattern: '^run-[0-9]{6,}$' },
    title: { type: 'string', minLength: 1, maxLength: 100 },
    committeeKind: { enum: ['series', 'specialty'] },
  },
};

/** The session, if this user may see it (committee members: their own series). */
export function sessionFor(ctx: AppContext, res: Response, id: string): ReviewSession {
  const session = ctx.store.sessions.get(id);
  if (!session) throw new HttpError('NOT_FOUND', { zh: `没有评审会 ${id}`, en: `No review session ${id}` }, { id });
  const user = currentUser(res);
  if (user.role === 'committee') requireSeries(user, session.series);
  return session;
}

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, resolver } = ctx;
  router.use(authenticate(ctx));

  const runFor = async (res: Response, id: string): Promise<RunRecord> => {
    const run = store.runs.get(id);
    if (!run) throw new HttpError('NOT_FOUND', { zh: `没有批次 ${id}`, en: `No run ${id}` }, { id });
    const user = currentUser(res);
    if (user.role === 'committee') {
      const version = store.rulesets.get(run.rulesetId, run.version);
      requireSeries(user, version && (await resolver.source.series(version)));
    }
    const settled = await ctx.runService.settle(run);
    if (settled.status !== 'completed') {
      throw new HttpError('RUN_NOT_FINISHED', { zh: `批次 ${run.id} 没有完成（${settled.status}），不能组织评审会`, en: `Run ${run.id} has not completed (${settled.status}): no review session yet` }, { id: run.id, status: settled.status });
    }
    return settled;
  };

  router.get('/', allow('admin', 'committee', 'auditor'), (_req, res) => {
    const user = currentUser(res);
    const sessions = user.role === 'committee' ? store.sessions.list({ series: user.series ?? '' }) : store.sessions.list();
    res.json({ sessions: sessions.reverse() });
  });

  router.post('/', allow('admin', 'committee'), validate({ body: createBody }), async (req, res) => {
    const user = currentUser(res);
    const body = req.body as { runId: string; title?: string; committeeKind?: CommitteeKind };
    const run = await runFor(res, body.runId);
    const existing = store.sessions.list().find((s) => s.runId === run.id);
    if (existing) {
      throw new HttpError(
        'INVALID_TRANSITION',
        { zh: `批次 ${run.id} 已组织评审会 ${existing.id}（${existing.title}）`, en: `Run ${run.id} already has review session ${existing.id} (${existing.title})` },
        { reason: 'RUN_HAS_SESSION', runId: run.id, sessionId: existing.id },
      );
    }
    const session = await sessionFromRun(ctx, run, { title: body.title, committeeKind: body.committeeKind });
    // A committee member creates sessions of their own series only (the run's ruleset gives it).
    requireSeries(user, session.series);
    const stored = await store.sessions.create(session, { actor: user.username, at: config.now() });
    res.status(201).location(`/api/v1/sessions/${stored.id}`).json({ session: stored });
  });

  router.get('/:id', allow('admin', 'committee', 'auditor'), validate({ params: sessionIdParams }), (req, res) => {
    res.json({ session: sessionFor(ctx, res, req.params.id as string) });
  });

  return router;
}

const fraction = object(['numerator', 'denominator', 'of'], { numerator: { type: 'integer' }, denominator: { type: 'integer' }, of: { enum: ['members', 'present'] } });
const votes = object(['yes', 'no', 'abstain'], { yes: { type: 'integer' }, no: { type: 'integer' }, abstain: { type: 'integer' } });

export const meetingResultSchema: Schema = object(['applicantId', 'name', 'unit', 'committeeScores', 'score', 'scorePassed', 'votes', 'passed'], {
  applicantId: { type: 'string' },
  name: nullable({ type: 'string' }),
  unit: nullable({ type: 'string' }),
  committeeScores: { type: 'object', additionalProperties: { type: 'number' } },
  score: { type: 'number' },
  scorePassed: { type: 'boolean' },
  eligible: { type: 'boolean' },
  vetoed: { type: 'boolean' },
  passMark: nullable({ type: 'number' }),
  votes,
  passed: { type: 'boolean' },
  runScore: { type: 'number' },
  scoredBy: { type: 'string' },
  scoredAt: time,
  votedBy: { type: 'string' },
  votedAt: time,
  yesNeeded: { type: 'integer' },
});

export const meetingSchema: Schema = object(['heldOn', 'present', 'quorumMet', 'quorum', 'passVotes', 'results'], {
  heldOn: date,
  present: list({ type: 'string' }),
  quorumMet: { type: 'boolean' },
  quorum: fraction,
  passVotes: fraction,
  passRule: object(['requires'], { requires: list({ enum: ['enginePassed', 'passVotes'] }) }),
  results: list(meetingResultSchema),
  closedAt: time,
  closedBy: { type: 'string' },
  members: { type: 'integer' },
  quorumNeeded: { type: 'integer' },
  attendanceBy: { type: 'string' },
  attendanceAt: time,
});

/** A review session as the API returns it; each stage's record is described by its own routes file. */
export const sessionSchema: Schema = object(
  ['id', 'title', 'series', 'level', 'year', 'runId', 'rulesetId', 'version', 'rulesetHash', 'asOf', 'committeeKind', 'candidates', 'quotas', 'status', 'createdBy', 'createdAt', 'updatedAt'],
  {
    id: { type: 'string', pattern: '^session-[0-9]{4,}$' },
    title: { type: 'string' },
    series: { type: 'string' },
    level: { type: 'string' },
    year: { type: 'integer' },
    runId: { type: 'string' },
    rulesetId: { type: 'string' },
    version: { type: 'integer' },
    rulesetHash: sha256,
    asOf: date,
    committeeKind: { enum: ['series', 'specialty'] },
    candidates: list(
      object(['applicantId', 'name', 'unit', 'rank', 'score'], { applicantId: { type: 'string' }, name: nullable({ type: 'string' }), unit: nullable({ type: 'string' }), rank: nullable({ type: 'integer' }), score: { type: 'number' } }),
    ),
    quotas: list(object(['unit', 'posts'], { unit: { type: 'string' }, posts: { type: 'integer' } })),
    status: { enum: ['preparing', 'drawn', 'meeting', 'voted', 'publicity', 'finalised'] },
    draw: { type: 'object' },
    meeting: meetingSchema,
    publicity: { type: 'object' },
    finalisedAt: time,
    filing: { type: 'object' },
    createdBy: { type: 'string' },
    createdAt: time,
    updatedAt: time,
  },
);

export const sessionsResource: CommitteeResource = {
  mount: '/sessions',
  router,
  routes: [
    { method: 'get', path: '/sessions', summary: 'Review sessions, newest first (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
    {
      method: 'post',
      path: '/sessions',
      summary:
        "Create a session from a completed run { runId, title?, committeeKind? (series | specialty) }: series and level from the run's ruleset, candidates = applicants recommended within their unit's quota, the quota rows kept; RUN_NOT_FINISHED, INVALID_TRANSITION when nobody is recommended (reason NO_RECOMMENDED) or the run already has a session (committee: own series)",
      roles: ['admin', 'committee'],
    },
    { method: 'get', path: '/sessions/{id}', summary: 'One review session with its stage records (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  ],
  responses: {
    'get /sessions': ok(object(['sessions'], { sessions: list(sessionSchema) })),
    'post /sessions': created(object(['session'], { session: sessionSchema }), 'Created; Location names the session'),
    'get /sessions/{id}': ok(object(['session'], { session: sessionSchema })),
  },
};
