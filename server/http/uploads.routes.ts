// /uploads: an applicants file (.xlsx, .csv, .json) sent as the raw request body,
// kept as a blob and recorded by its content address; batch runs name it by that
// hash. The body has its own size limit (config.uploadLimit), read only after the
// caller's role and the file name are accepted. Committee members may upload any
// file: the series is checked when a run uses it.
import { Router } from 'express';
import { UPLOAD_FORMATS, uploadFormat } from '../runs/upload-file';
import type { UploadRecord } from '../storage/index';
import type { AppContext } from './context';
import { HttpError } from './errors';
import { rawFileBody } from './raw-body';
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

export function uploadsRouter(ctx: AppContext): Router {
  const router = Router();
  const { store, config } = ctx;
  const rawBody = rawFileBody(config.uploadLimit);
  router.use(authenticate(ctx));

  router.get('/', allow('admin', 'committee', 'auditor'), (_req, res) => {
    const user = currentUser(res);
    // A committee member sees their own uploads and the shipped samples, not other committees' applicants.
    const visible = store.runs.uploads().filter((u) => user.role !== 'committee' || u.uploadedBy === user.username || isSystem(u.uploadedBy));
    res.json({ uploads: visible.reverse().map(uploadView) });
  });

  router.post('/', allow('admin', 'committee'), validate({ query: uploadQuery }), (req, _res, next) => {
    const name = (req.query.name as string).split(/[\\/]/).pop()!.trim();
    if (!uploadFormat(name)) {
      const list = UPLOAD_FORMATS.map((f) => `.${f}`).join(', ');
      throw new HttpError('UNSUPPORTED_FILE', { zh: `${name}：不支持的文件类型，请上传 ${list} 文件`, en: `${name}: unsupported file type; upload a ${list} file` }, { name, extensions: UPLOAD_FORMATS });
    }
    next();
  }, rawBody, async (req, res) => {
    const name = (req.query.name as string).split(/[\\/]/).pop()!.trim();
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError('VALIDATION_FAILED', { zh: '请以 application/octet-stream 发送文件内容', en: 'Send the file as the request body with Content-Type application/octet-stream' }, { issues: [{ in: 'headers', pointer: '/content-type', message: 'must be application/octet-stream' }] });
    }
    const bytes = req.body;
    if (bytes.length === 0) throw new HttpError('UPLOAD_UNREADABLE', { zh: `${name}：文件为空`, en: `${name}: the file is empty` }, { name });
    const hash = await store.blobs.put(bytes);
    const upload = await store.runs.recordUpload({ hash, name, size: bytes.length }, { actor: currentUser(res).username, at: config.now() });
    const { format } = uploadView(upload);
    res.status(201).json({ hash, name, size: upload.size, format });
  });
  return router;
}
