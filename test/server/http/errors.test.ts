import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PingshenError } from '../../../engine/index';
import { ERROR_STATUS, HttpError, toErrorBody } from '../../../server/http/errors';
import { StorageError } from '../../../server/storage/index';

const readme = readFileSync(new URL('../../../server/http/README.md', import.meta.url), 'utf8');

describe('error registry', () => {
  it.each(Object.entries(ERROR_STATUS))('%s (%i) is documented in server/http/README.md', (code, status) => {
    const row = readme.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${code}\``));
    expect(row, `no row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${status} |`);
  });

  it('maps each kind of error to its code, and unknown errors to 500 without a stack', () => {
    expect(toErrorBody(new HttpError('FORBIDDEN', 'no')).body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'no', details: {} });
    expect(toErrorBody(new StorageError('VERSION_CONFLICT', { zh: '冲突', en: 'conflict' }, { latest: 2 })).body).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT', details: { latest: 2 } });
    expect(toErrorBody(new PingshenError('APPLICANT_INVALID', 'bad', [])).body).toMatchObject({ statusCode: 422, code: 'APPLICANT_INVALID', details: { issues: [] } });
    const bug = toErrorBody(new TypeError('x is undefined'));
    expect(bug.unexpected).toBe(true);
    expect(bug.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Internal server error', details: {} });
  });
});
