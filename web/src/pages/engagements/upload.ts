// File upload with progress: POST /v1/files as multipart through XMLHttpRequest, because fetch (and so the
// typed client) cannot report upload progress. Errors become ApiProblem like every other call's.
import type { FileInfo } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { messagesOf } from '../../i18n/define';
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
    const m = messagesOf(newTaskTexts);
    xhr.onerror = () => reject(new ApiProblem(0, m.networkError, m.unreachable));
    xhr.onabort = () => reject(new ApiProblem(0, m.uploadCancelled, ''));
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
    errors?: { path: string; message: string }[];
  };
  const title = problem.title ?? (statusText || messagesOf(newTaskTexts).uploadFailed);
  const detail = problem.detail ?? '';
  const errors = (problem.errors ?? []).map((e) => ({
    path: e.path === 'body' ? 'file' : e.path,
    message: e.message,
  }));
  if (!errors.some((e) => e.path === 'file')) errors.push({ path: 'file', message: detail || title });
  return new ApiProblem(status, title, detail, errors);
}
