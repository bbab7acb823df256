// /sessions/{id}/draw…: drawing a review session's members at random from the
// expert pool of its series, and verifying a recorded draw.
//
// The HR bureau (administrators) organises the draw, not the committee; auditors
// and the committee of the session's series may preview and verify it.
//
// One draw per session, made while the session is 'preparing': the first draw is
// final. Allowing a second would let anyone redraw until the members suit them,
// which is exactly what a recorded random draw is there to prevent. A member who
// cannot attend is handled at the meeting (attendance and quorum), not by a redraw.
//
// The seed is the administrator's (e.g. one generated in front of witnesses) or 32
// hex digits from crypto.randomBytes. The draw records the seed, the eligible pool
// (sorted by id), its hash, the policy values used and the members in draw order,
// in the session and in the audit entry session.draw; GET …/verify replays it.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Router, type Response } from 'express';
import type { Text } from '../../engine/index';
import { chinaToday } from '../committee/china-date';
import { DRAW_ALGORITHM, defaultCount, draw, eligibility, verifyDraw, type SessionConflict } from '../committee/expert-draw';
import { SEED_PATTERN } from '../committee/seeded-random';
import { text } from '../io/text';
import type { AuditEntry, ReviewSession, SessionDraw } from '../storage/index';
import type { CommitteeResource } from './committee-resource';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { created, date, list, nullable, object, ok, sha256, text as textSchema, time } from './openapi-responses';
import { allow, authenticate, currentUser, requireSeries } from './roles';
import { validate, type Schema } from './validate-request';

const idParams: Schema = { type: 'object', properties: { id: { type: 'string', pattern: '^session-[0-9]{4,}$' } } };
const previewQuery: Schema = { type: 'object', additionalProperties: false, properties: { meetingOn: { type: 'string', format: 'date' } } };
const drawBody: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    seed: { type: 'string', pattern: SEED_PATTERN.source },
    count: { type: 'integer', minimum: 1, maximum: 999 },
    meetingOn: { type: 'string', format: 'date' },
    conflicts: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['expertId', 'reason'],
        additionalProperties: false,
        properties: {
          expertId: { type: 'string', pattern: '^exp-[0-9]{4,}$' },
          applicantId: { type: 'string', minLength: 1, maxLength: 64 },
          unit: { type: 'string', minLength: 1, maxLength: 100 },
          reason: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
    },
    acceptBelowMinimum: { type: 'boolean' },
  },
};

interface DrawRequest {
  seed?: string;
  count?: number;
  meetingOn?: string;
  conflicts?: SessionConflict[];
  acceptBelowMinimum?: boolean;
}

const NOT_PREPARING = (session: ReviewSession) =>
  new HttpError(
    'INVALID_TRANSITION',
    { zh: `评审会 ${session.id} 已抽取评委（状态 ${session.status}），每次评审只抽取一次`, en: `Session ${session.id} has already drawn its members (status ${session.status}); a session draws once` },
    { id: session.id, status: session.status },
  );

/** The audit entry session.draw of a session, if the log holds one. */
async function drawEntry(ctx: AppContext, sessionId: string): Promise<AuditEntry | undefined> {
  let found: AuditEntry | undefined;
  for await (const line of createInterface({ input: ctx.store.audit.exportJsonl(), crlfDelay: Infinity })) {
    if (!line.includes('"session.draw"')) continue;
    try {
      const entry = JSON.parse(line) as AuditEntry;
      if (entry.action === 'session.draw' && entry.target === `session:${sessionId}`) found = entry;
    } catch {
      // an unreadable line is what GET /audit/verify reports
    }
  }
  return found;
}

function router(ctx: AppContext): Router {
  const router = Router();
  const { store, config, policy } = ctx;

  /** The session, if this user may see it (committee members: their own series). */
  const sessionFor = (res: Response, id: string): ReviewSession => {
    const session = store.sessions.get(id);
    if (!session) throw new HttpError('NOT_FOUND', { zh: `没有评审会 ${id}`, en: `No review session ${id}` }, { id });
    const user = currentUser(res);
    if (user.role === 'committee') requireSeries(user, session.series);
    return session;
  };

  const minimumFor = (session: ReviewSession) => policy.committee.minimumMembers[session.committeeKind];
  const seriesPool = (session: ReviewSession) => store.experts.list().filter((e) => e.series === session.series);

  router.use(authenticate(ctx));

  router.get('/:id/draw/preview', allow('admin', 'committee', 'auditor'), validate({ params: idParams, query: previewQuery }), (req, res) => {
    const session = sessionFor(res, req.params.id as string);
    const meetingOn = (req.query.meetingOn as string | undefined) ?? chinaToday(config.now());
    const minimum = minimumFor(session);
    const odd = policy.committee.oddMembers;
    const found = eligibility({ pool: seriesPool(session), series: session.series, candidates: session.candidates, sessionConflicts: [], onDate: meetingOn });
    const requested = defaultCount(minimum, odd);
    const enough = found.pool.length >= minimum;
    const warnings: Text[] = enough
      ? []
      : [text(`${session.series} 系列可抽取的专家只有 ${found.pool.length} 人，少于评审委员会最低人数 ${minimum} 人`, `Only ${found.pool.length} eligible expert(s) in series ${session.series}, below the committee minimum of ${minimum}`)];
    res.json({
      sessionId: session.id,
      series: session.series,
      committeeKind: session.committeeKind,
      status: session.status,
      meetingOn,
      minimum,
      odd,
      requested,
      total: found.pool.length + found.excluded.length,
      eligible: found.pool.length,
      eligibleIds: found.pool.map((e) => e.id),
      excluded: found.excluded.map(({ expertId, name, unit, codes, reason, text }) => ({ expertId, name, unit, codes, reason, text })),
      enough,
      warnings,
    });
  });

  router.post('/:id/draw', allow('admin'), validate({ params: idParams, body: drawBody }), async (req, res) => {
    const user = currentUser(res);
    const session = sessionFor(res, req.params.id as string);
    if (session.status !== 'preparing') throw NOT_PREPARING(session);
    const body = req.body as DrawRequest;
    const minimum = minimumFor(session);
    const odd = policy.committee.oddMembers;
    if (body.count !== undefined) {
      if (body.count < minimum) {
        throw new HttpError('INVALID_ARGUMENT', { zh: `评委人数 ${body.count} 少于评审委员会最低人数 ${minimum}`, en: `A committee of ${body.count} is below the minimum of ${minimum}` }, { pointer: '/count', count: body.count, minimum });
      }
      if (odd && body.count % 2 === 0) {
        throw new HttpError('INVALID_ARGUMENT', { zh: `评委人数应为奇数，实际为 ${body.count}`, en: `The committee must have an odd number of members, got ${body.count}` }, { pointer: '/count', count: body.count });
      }
    }
    const pool = seriesPool(session);
    const conflicts = body.conflicts ?? [];
    const poolIds = new Set(pool.map((e) => e.id));
    const candidateIds = new Set(session.candidates.map((c) => c.applicantId));
    conflicts.forEach((c, i) => {
      if (!poolIds.has(c.expertId)) {
        throw new HttpError('INVALID_ARGUMENT', { zh: `回避第 ${i + 1} 项：${c.expertId} 不是 ${session.series} 系列专家库中的专家`, en: `Conflict ${i + 1}: ${c.expertId} is not in the ${session.series} pool` }, { pointer: `/conflicts/${i}/expertId`, expertId: c.expertId });
      }
      if (c.applicantId !== undefined && !candidateIds.has(c.applicantId)) {
        throw new HttpError('INVALID_ARGUMENT', { zh: `回避第 ${i + 1} 项：${c.applicantId} 不是本次评审的参评人员`, en: `Conflict ${i + 1}: ${c.applicantId} is not a candidate of this session` }, { pointer: `/conflicts/${i}/applicantId`, applicantId: c.applicantId });
      }
    });
    const seed = body.seed ?? randomBytes(16).toString('hex');
    const meetingOn = body.meetingOn ?? chinaToday(config.now());
    const outcome = draw({ pool, series: session.series, candidates: session.candidates, sessionConflicts: conflicts, seed, count: body.count, onDate: meetingOn, minimum, odd });
    if (outcome.size === 0 || (outcome.belowMinimum && body.acceptBelowMinimum !== true)) {
      throw new HttpError(
        'POOL_TOO_SMALL',
        {
          zh: `可抽取的专家只有 ${outcome.pool.length} 人，少于评审委员会最低人数 ${minimum} 人${outcome.size === 0 ? '' : '（确认后可在人数不足的情况下抽取）'}`,
          en: `Only ${outcome.pool.length} eligible expert(s), below the committee minimum of ${minimum}${outcome.size === 0 ? '' : ' (confirm to draw below the minimum)'}`,
        },
        { available: outcome.pool.length, minimum, requested: outcome.requested, excluded: outcome.excluded.length },
      );
    }
    const accepted = outcome.belowMinimum;
    const warnings = accepted
      ? [...outcome.warnings, text(`管理员 ${user.username} 确认在人数不足的情况下抽取`, `Drawn below the minimum, as confirmed by the administrator ${user.username}`)]
      : outcome.warnings;
    const at = config.now();
    const record: SessionDraw = {
      algorithm: DRAW_ALGORITHM,
      seed,
      requested: outcome.requested,
      minimum,
      odd,
      meetingOn,
      pool: outcome.pool,
      poolHash: outcome.poolHash,
      members: outcome.members.map((m) => ({ expertId: m.id, name: m.name, unit: m.unit })),
      excluded: outcome.excluded.map(({ expertId, name, unit, codes, reason, text }) => ({ expertId, name, unit, codes, reason, text })),
      sessionConflicts: conflicts,
      acceptedBelowMinimum: accepted,
      warnings,
      drawnBy: user.username,
      drawnAt: at,
    };
    const changed = await store.sessions.change(session.id, 'draw', (s) => {
      // Checked again inside the commit: of two draws at once, only the first is kept.
      if (s.status !== 'preparing') throw NOT_PREPARING(s);
      s.draw = record;
      s.status = 'drawn';
      return {
        algorithm: record.algorithm,
        seed,
        poolHash: record.poolHash,
        pool: record.pool.map((e) => e.id),
        members: record.members.map((m) => m.expertId),
        excluded: record.excluded.map((e) => ({ expertId: e.expertId, codes: e.codes })),
        sessionConflicts: conflicts,
        requested: record.requested,
        minimum,
        odd,
        meetingOn,
        acceptedBelowMinimum: accepted,
      };
    }, { actor: user.username, at });
    res.status(201).json({ session: changed, draw: changed.draw });
  });

  router.get('/:id/draw/verify', allow('admin', 'committee', 'auditor'), validate({ params: idParams }), async (req, res) => {
    const session = sessionFor(res, req.params.id as string);
    const recorded = session.draw;
    if (!recorded) throw new HttpError('NOT_FOUND', { zh: `评审会 ${session.id} 尚未抽取评委`, en: `Session ${session.id} has not drawn its members yet` }, { id: session.id });
    const replay = verifyDraw(recorded);
    const problems = [...replay.problems];
    // The session record could be rewritten consistently (pool, hash and members together);
    // the hash-chained audit entry written with the draw cannot, so the two are compared.
    const entry = await drawEntry(ctx, session.id);
    const details = entry?.details as { seed?: string; poolHash?: string; members?: string[] } | undefined;
    if (!entry || !details) {
      problems.push(text('审计日志中没有本次抽取的记录（session.draw）', 'The audit log holds no session.draw entry for this session'));
    } else {
      if (details.seed !== recorded.seed) problems.push(text(`种子与审计日志第 ${entry.seq} 条不符`, `The seed differs from audit entry ${entry.seq}`));
      if (details.poolHash !== recorded.poolHash) problems.push(text(`专家池哈希与审计日志第 ${entry.seq} 条不符`, `The pool hash differs from audit entry ${entry.seq}`));
      if (JSON.stringify(details.members ?? []) !== JSON.stringify(recorded.members.map((m) => m.expertId))) {
        problems.push(text(`评委名单与审计日志第 ${entry.seq} 条不符`, `The members differ from audit entry ${entry.seq}`));
      }
    }
    res.json({
      ok: problems.length === 0,
      problems,
      algorithm: recorded.algorithm,
      seed: recorded.seed,
      poolHash: recorded.poolHash,
      recomputedPoolHash: replay.poolHash,
      members: recorded.members.map((m) => m.expertId),
      replayed: replay.replayed,
      auditSeq: entry?.seq ?? null,
    });
  });

  return router;
}

const drawSchema: Schema = object(['algorithm', 'seed', 'requested', 'minimum', 'odd', 'meetingOn', 'pool', 'poolHash', 'members', 'excluded', 'sessionConflicts', 'acceptedBelowMinimum', 'warnings', 'drawnBy', 'drawnAt'], {
  algorithm: { type: 'string' },
  seed: { type: 'string', pattern: '^[0-9a-f]+$' },
  requested: { type: 'integer' },
  minimum: { type: 'integer' },
  odd: { type: 'boolean' },
  meetingOn: date,
  pool: list(object(['id', 'name', 'level', 'unit', 'county', 'termStart', 'termEnd'], { id: { type: 'string' }, name: { type: 'string' }, level: { type: 'string' }, unit: { type: 'string' }, county: { type: 'string' }, termStart: date, termEnd: date })),
  poolHash: sha256,
  members: list(object(['expertId', 'name', 'unit'], { expertId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' } })),
  excluded: list(object(['expertId', 'name', 'unit', 'codes', 'reason', 'text'], { expertId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, codes: list({ type: 'string' }), reason: { type: 'string' }, text: textSchema })),
  sessionConflicts: list(object(['expertId', 'reason'], { expertId: { type: 'string' }, applicantId: { type: 'string' }, unit: { type: 'string' }, reason: { type: 'string' } })),
  acceptedBelowMinimum: { type: 'boolean' },
  warnings: list(textSchema),
  drawnBy: { type: 'string' },
  drawnAt: time,
});
const exclusion = object(['expertId', 'name', 'unit', 'codes', 'reason', 'text'], { expertId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, codes: list({ type: 'string' }), reason: { type: 'string' }, text: textSchema });

export const drawsResource: CommitteeResource = {
  mount: '/sessions',
  router,
  routes: [
    { method: 'get', path: '/sessions/{id}/draw/preview', summary: 'Before drawing (?meetingOn=): eligible experts of the series, the excluded with reasons, the minimum and whether the pool is big enough (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
    { method: 'post', path: '/sessions/{id}/draw', summary: 'Draw the members { seed?, count?, meetingOn?, conflicts?, acceptBelowMinimum? } once, while preparing; POOL_TOO_SMALL below the minimum unless accepted; audited with seed, pool hash and members', roles: ['admin'] },
    { method: 'get', path: '/sessions/{id}/draw/verify', summary: 'Replay the recorded draw: pool hash and shuffle from the recorded seed, compared with the record and its audit entry → { ok, problems } (committee: own series)', roles: ['admin', 'committee', 'auditor'] },
  ],
  responses: {
    'get /sessions/{id}/draw/preview': ok(
      object(['sessionId', 'series', 'meetingOn', 'minimum', 'odd', 'requested', 'total', 'eligible', 'eligibleIds', 'excluded', 'enough', 'warnings'], {
        sessionId: { type: 'string' },
        series: { type: 'string' },
        committeeKind: { enum: ['series', 'specialty'] },
        status: { type: 'string' },
        meetingOn: date,
        minimum: { type: 'integer' },
        odd: { type: 'boolean' },
        requested: { type: 'integer' },
        total: { type: 'integer' },
        eligible: { type: 'integer' },
        eligibleIds: list({ type: 'string' }),
        excluded: list(exclusion),
        enough: { type: 'boolean' },
        warnings: list(textSchema),
      }),
    ),
    'post /sessions/{id}/draw': created(object(['session', 'draw'], { session: object(['id', 'status', 'draw'], { id: { type: 'string' }, status: { const: 'drawn' }, draw: drawSchema }), draw: drawSchema })),
    'get /sessions/{id}/draw/verify': ok(
      object(['ok', 'problems', 'seed', 'poolHash', 'recomputedPoolHash', 'members', 'replayed', 'auditSeq'], {
        ok: { type: 'boolean' },
        problems: list(textSchema),
        algorithm: { type: 'string' },
        seed: { type: 'string' },
        poolHash: sha256,
        recomputedPoolHash: sha256,
        members: list({ type: 'string' }),
        replayed: list({ type: 'string' }),
        auditSeq: nullable({ type: 'integer' }),
      }),
    ),
  },
};
