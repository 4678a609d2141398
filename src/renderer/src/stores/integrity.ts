// Whether the open snapshot can be relied on: its integrity report (checked in the main process, once per
// opened snapshot) and whether the user has acknowledged the warning of a tampered one.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '../../../shared/api';
import { UNSAFE_INTEGRITY_STATES, type IntegrityReport } from '../../../shared/integrity';
import { useApi } from '../api';

export const useIntegrityStore = defineStore('integrity', () => {
  const api = useApi();
  const report = shallowRef<IntegrityReport | null>(null);
  const checking = ref(false);
  const failure = ref<string | null>(null);
  const acknowledged = ref(false);
  /** The snapshot generation the report belongs to; a late answer for an earlier snapshot is dropped. */
  let checkedGeneration = -1;

  const unsafe = computed(() => report.value !== null && UNSAFE_INTEGRITY_STATES.includes(report.value.state));
  /** The content stays hidden until the user acknowledges a tampered snapshot. */
  const blocked = computed(() => unsafe.value && !acknowledged.value);

  async function check(generation: number) {
    if (generation === checkedGeneration) return;
    checkedGeneration = generation;
    report.value = null;
    failure.value = null;
    acknowledged.value = false;
    checking.value = true;
    try {
      const result = await api.call('snapshot.verify', {});
      if (generation === checkedGeneration) report.value = result;
    } catch (error) {
      if (generation === checkedGeneration) failure.value = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === checkedGeneration) checking.value = false;
    }
  }

  /** Checks the same snapshot again: after it was signed, or the trusted-keys list changed. */
  async function recheck() {
    const generation = checkedGeneration;
    checkedGeneration = -1;
    await check(generation);
  }

  function acknowledge() {
    acknowledged.value = true;
  }

  return { report, checking, failure, acknowledged, unsafe, blocked, check, recheck, acknowledge };
});
