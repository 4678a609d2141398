// The error banner: every failed API call lands here with its message, so the window is never blank.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, type ApiErrorCode } from '../../../shared/api';
import { errorMessage } from '../api';

export interface Notice {
  code: ApiErrorCode | 'client';
  message: string;
}

export const useNoticesStore = defineStore('notices', () => {
  const error = ref<Notice | null>(null);
  /** Short-lived information (not an error), e.g. why drag and drop does nothing in the browser host. */
  const info = ref<string | null>(null);

  function report(cause: unknown) {
    error.value = { code: cause instanceof ApiError ? cause.code : 'client', message: errorMessage(cause) };
  }

  function inform(message: string) {
    info.value = message;
  }

  function dismiss() {
    error.value = null;
    info.value = null;
  }

  return { error, info, report, inform, dismiss };
});
