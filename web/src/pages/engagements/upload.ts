// File upload with progress: POST /v1/files as multipart through XMLHttpRequest, because fetch (and so the
// typed client) cannot report upload progress. Errors become ApiProblem like every other call's.
import type { FileInfo } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { messagesOf } from '../../i18n/define';
import { describeProblem } from '../../i18n/problems';
import { session } from '../../session';
import { newTaskTexts } from './task-messages';

export interface UploadRequest {
  file: File;
  purpose: 'rfp' | 'invoice' | 'attachment';
  engagementId: string;
  idempotencyKey: string;
  onProgress: (percent: number) => void;
}

export function uploadFile(request: UploadRequest): Promise<FileInfo> {
  const form = new FormData();
  form.append('file', request.file);
  form.append('purpose', request.purpose);
  form.append('engagement_id', request.engagementId);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/files');
    const token = session.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Idempotency-Key', request.idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        request.onProgress(100);
        resolve(body as FileInfo);
        return;
      }
      if (xhr.status === 401) session.expire();
      reject(toProblem(xhr.status, xhr.statusText, body));
    };
    // "Network error" is what the problem catalogue (i18n/problems.ts) recognises and words itself.
    xhr.onerror = () => reject(ApiProblem.network('upload'));
    xhr.onabort = () => reject(new ApiProblem(0, messagesOf(newTaskTexts).uploadCancelled, ''));
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The problem+json answer; with no field named, its message is put beside the file field. */
function toProblem(status: number, statusText: string, body: unknown): ApiProblem {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as {
    title?: string;
    detail?: string;
    type?: string;
    errors?: { path: string; message: string }[];
  };
  const title = problem.title ?? (statusText || messagesOf(newTaskTexts).uploadFailed);
  const detail = problem.detail ?? '';
  const errors = (problem.errors ?? []).map((e) => ({
    path: e.path === 'body' ? 'file' : e.path,
    message: e.message,
  }));
  // The type and the problem's facts (detected, accepted…) let the catalogue say what was wrong in words.
  const type = problem.type ?? 'about:blank';
  const facts = problem as Record<string, unknown>;
  if (!errors.some((e) => e.path === 'file')) {
    const said = describeProblem(new ApiProblem(status, title, detail, [], undefined, type, facts));
    errors.push({ path: 'file', message: said });
  }
  return new ApiProblem(status, title, detail, errors, undefined, type, facts);
}
