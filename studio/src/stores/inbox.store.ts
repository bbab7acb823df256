// 待我处理, shared by the menu's count, the inbox page, the ruleset list and the
// editor (a returned draft's reason). Only administrators and officials have one;
// a failed refresh keeps what was shown, since the count is a convenience, not a
// source of truth.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { inboxApi, type InboxItem, type People } from '../api/inbox.api';
import { useSessionStore } from './session.store';

export const useInboxStore = defineStore('inbox', () => {
  const items = ref<InboxItem[]>([]);
  const people = ref<People>({});
  const loaded = ref(false);
  const error = ref<Error | null>(null);
  const session = useSessionStore();
  const applies = computed(() => session.user?.role === 'admin' || session.user?.role === 'official');

  async function refresh(): Promise<void> {
    if (!applies.value) {
      items.value = [];
      return;
    }
    try {
      const answer = await inboxApi.list();
      items.value = answer.items;
      people.value = { ...people.value, ...answer.people };
      error.value = null;
    } catch (err) {
      error.value = err as Error;
    } finally {
      loaded.value = true;
    }
  }

  /** The reason the latest draft of `id` came back, if it did. */
  const returnedFor = (id: string) => items.value.find((i) => i.kind === 'returned' && i.id === id);
  const count = computed(() => items.value.length);
  return { items, people, loaded, error, count, applies, refresh, returnedFor };
});
