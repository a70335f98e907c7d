/** Which tab of the right-hand inspector is open. */
import { create } from 'zustand';

export type InspectorTab = 'scene' | 'processing' | 'cache' | 'remote' | 'keys';

const useInspectorStore = create<{ tab: InspectorTab }>()(() => ({ tab: 'scene' }));

export function inspectorTabChosen(tab: InspectorTab): void {
  useInspectorStore.setState({ tab });
}

export const useInspectorTab = () => useInspectorStore((s) => s.tab);
