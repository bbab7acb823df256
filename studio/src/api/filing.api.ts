// The filing package (server/http/filing.routes.ts): build, download, read the
// manifest, verify any package file.
import type { LocalText } from './http';
import { apiUrl, http } from './http';

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface FilingManifest {
  format: string;
  session: { id: string; title: string; series: string; level: string; year: number };
  finalisedAt: string;
  files: ManifestFile[];
}

export interface FilingRecord {
  package: { hash: string; name: string };
  manifestHash: string;
  builtBy: string;
  builtAt: string;
}

export interface PackageProblem {
  file: string;
  reason: 'manifest-unreadable' | 'missing' | 'hash-mismatch' | 'size-mismatch' | 'unlisted' | 'listed-twice';
  message: LocalText;
}

export interface PackageVerification {
  ok: boolean;
  manifestHash: string | null;
  session: FilingManifest['session'] | null;
  files: number;
  problems: PackageProblem[];
  /** The package recorded for the session the manifest names, if any: does this one match it? */
  recorded: { manifestHash: string; matches: boolean } | null;
}

const path = (id: string) => `/sessions/${encodeURIComponent(id)}/filing`;

export const filingApi = {
  build: (id: string) => http.post<{ filing: FilingRecord; manifest: FilingManifest }>(path(id)),
  manifest: (id: string) => http.get<{ filing: FilingRecord; manifest: FilingManifest }>(`${path(id)}/manifest`),
  downloadUrl: (id: string) => apiUrl(path(id)),
  verify: (file: Blob) => http.upload<PackageVerification>('/sessions/filing/verify', file),
};
