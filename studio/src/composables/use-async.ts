// Loading, error and data of one request, for pages that show all three states.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { ApiError } from '../api/http';

export interface AsyncState<T> {
  data: ShallowRef<T | undefined>;
  error: Ref<ApiError | Error | null>;
  isLoading: Ref<boolean>;
  run: () => Promise<void>;
}

export function useAsync<T>(load: () => Promise<T>, options: { immediate?: boolean } = {}): AsyncState<T> {
  const data = shallowRef<T>();
  const error = ref<ApiError | Error | null>(null);
  const isLoading = ref(false);
  let latest = 0;
  async function run(): Promise<void> {
    const call = ++latest;
    isLoading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (call === latest) data.value = value;
    } catch (err) {
      if (call === latest) error.value = err instanceof Error ? err : new Error(String(err));
    } finally {
      if (call === latest) isLoading.value = false;
    }
  }
  if (options.immediate !== false) void run();
  return { data, error, isLoading, run };
}
