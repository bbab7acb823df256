// /uploads: an applicants file (.xlsx, .csv, .json) sent as the raw request body,
// kept as a blob and recorded by its content address; batch runs name it by that
// hash. The body has its own size limit (config.uploadLimit), read only after the
// caller's role and the file name are accepted.
//
// An upload belongs to its uploader. A committee member uses (lists, checks, runs)
// their own uploads, those of the other members of their series' committee, and the
// seeded samples; administrators and auditors see all. Any other hash is answered
// NOT_FOUND exactly as a hash never uploaded: a 403 would confirm that someone else
// holds that file. Each user keeps at most `config.uploadQuotaBytes` of uploads
// (UPLOAD_QUOTA_EXCEEDED with the limit, what they use and the file's size); uploads
// are kept — runs and the audit log name them — so an administrator raises the quota.
import { Router } from 'express';
import { UPLOAD_FORMATS, uploadFormat } from '../runs/upload-file';
import type { Store, UploadRecord, UserRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { rawFileBody } from './raw-body';
import { sha256Address } from '../storage/index';
import { allow, authenticate, currentUser } from './roles';
import { validate } from './validate-request';

const uploadQuery = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 255 } },
};

/** Seeded sample files are uploaded by a system actor; every committee member may use them. */
const isSystem = (actor: string) => actor === 'system' || actor.startsWith('system:');

export function uploadView(upload: UploadRecord) {
  return { ...upload, format: uploadFormat(upload.name) ?? null };
}

/** Whether `user` may use this upload (see the top of the file). */
export function mayUse(store: Store, user: UserRecord, upload: UploadRecord): boolean {
  if (user.role === 'admin' || user.role === 'auditor') return true;
  if (upload.uploadedBy === user.username || isSystem(upload.uploadedBy)) return true;
  if (user.role !== 'committee' || user.series === undefined) return false;
  const uploader = store.users.get(upload.uploadedBy);
  return uploader?.role === 'committee' && uploader.series === user.series;
}

/** The upload of that hash this user may use (their own first), or NOT_FOUND — the same answer whether it exists or not. */
export function visibleUpload(store: Store, user: UserRecord, hash: string): UploadRecord {
  const upload = store.runs.upload(hash, user.username) ?? store.runs.uploads().findLast((u) => u.hash === hash && mayUse(store, user, u));
  if (!upload) throw new HttpError('NOT_FOUND', { zh: `没有上传的文件 ${hash}`, en: `No uploaded file ${hash}` }, { upload: hash });
  return upload;
}

/** Bytes of uploads a user keeps (their own records; the same file twice counts once). */
export function quotaUsed(store: Store, username: string): number {
  return store.runs.uploads().reduce((sum, u) => (u.uploadedBy === username ? sum + u.size : sum), 0);
}

export function uploadsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const rawBody = rawFileBody(config.uploadLimit);
  router.use(authenticate(ctx));

  router.get('/', allow('admin', 'committee', 'auditor'), (_req, res) => {
    const user = currentUser(res);
    // A committee member sees their committee's uploads and the shipped samples, not other committees' applicants.
    const visible = store.runs.uploads().filter((u) => mayUse(store, user, u));
    res.json({ uploads: visible.reverse().map(uploadView), quota: { limit: config.uploadQuotaBytes, used: quotaUsed(store, user.username) } });
  });

  const overQuota = (username: string, size: number, used = quotaUsed(store, username)) => {
    const limit = config.uploadQuotaBytes;
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return new HttpError(
      'UPLOAD_QUOTA_EXCEEDED',
      { zh: `上传空间不足：每位用户上限 ${mb(limit)}，已用 ${mb(used)}，此文件 ${mb(size)}；请联系管理员`, en: `Upload quota exceeded: ${mb(limit)} per user, ${mb(used)} used, this file ${mb(size)}; ask an administrator` },
      { limit, used, size },
    );
  };

  router.post('/', allow('admin', 'committee'), validate({ query: uploadQuery }), (req, res, next) => {
    const name = (req.query.name as string).split(/[\\/]/).pop()!.trim();
    if (!uploadFormat(name)) {
      const list = UPLOAD_FORMATS.map((f) => `.${f}`).join(', ');
      throw new HttpError('UNSUPPORTED_FILE', { zh: `${name}：不支持的文件类型，请上传 ${list} 文件`, en: `${name}: unsupported file type; upload a ${list} file` }, { name, extensions: UPLOAD_FORMATS });
    }
    // A file larger than the whole quota is refused before its body is read (the same
    // file again under a new name costs nothing, so the rest is decided on its hash).
    const declared = Number(req.headers['content-length']);
    const username = currentUser(res).username;
    if (Number.isFinite(declared) && declared > config.uploadQuotaBytes) throw overQuota(username, declared);
    next();
  }, rawBody, async (req, res) => {
    const name = (req.query.name as string).split(/[\\/]/).pop()!.trim();
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError('VALIDATION_FAILED', { zh: '请以 application/octet-stream 发送文件内容', en: 'Send the file as the request body with Content-Type application/octet-stream' }, { issues: [{ in: 'headers', pointer: '/content-type', message: 'must be application/octet-stream' }] });
    }
    const bytes = req.body;
    if (bytes.length === 0) throw new HttpError('UPLOAD_UNREADABLE', { zh: `${name}：文件为空`, en: `${name}: the file is empty` }, { name });
    const username = currentUser(res).username;
    const hash = sha256Address(bytes);
    // The same file again (a new name) costs nothing more; another file must fit.
    const used = quotaUsed(store, username) - (store.runs.upload(hash, username)?.size ?? 0);
    if (used + bytes.length > config.uploadQuotaBytes) throw overQuota(username, bytes.length, used);
    await store.blobs.put(bytes);
    const upload = await store.runs.recordUpload({ hash, name, size: bytes.length }, { actor: currentUser(res).username, at: config.now() });
    const { format } = uploadView(upload);
    res.status(201).json({ hash, name, size: upload.size, format });
  });
  return router;
}
